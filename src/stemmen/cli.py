"""Command line: a thin layer, one library (or flow) call per command.

Flows are imported lazily so that ``stemmen --help`` stays fast and the
library never depends on Prefect.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from stemmen.errors import StemmenError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="stemmen: van wat een gemeente schrijft en zegt naar bewijs over cultuurverandering.")

ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="stemmen.toml of de werkruimtemap")]
NoPrefectOpt = Annotated[bool, typer.Option("--no-prefect", help="direct uitvoeren, zonder Prefect-flow")]


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _settings(config: Path | None):
    from stemmen.settings import load_settings

    return load_settings(config)


def _print_summaries(summaries: list[dict], errors: list[str]) -> None:
    from stemmen.schemas import BatchSummary

    total = dict(read=0, stored=0, duplicate=0, rejected=0)
    for s in summaries:
        b = BatchSummary(**s) if isinstance(s, dict) else s
        typer.echo("  " + b.line())
        for key in total:
            total[key] += getattr(b, key)
    typer.echo(
        f"Totaal: gelezen {total['read']}, opgeslagen {total['stored']}, dubbel {total['duplicate']},"
        f" afgewezen {total['rejected']}"
    )
    if total["rejected"]:
        typer.echo("  Afgewezen rijen staan met reden in de tabel rejected_rows (stemmen rejected).")
    for e in errors:
        typer.secho("FOUT: " + e, fg=typer.colors.RED, err=True)


# the stages a command runs; "pipeline" runs all of them, in the order of stemmen.service.pipeline
STAGES = {"ingest": ("ingest",), "analyse": ("analyse",), "monitor": ("monitor",), "pipeline": None}
STAGE_LABELS = {"ingest": "inlezen", "analyse": "analyseren", "monitor": "monitoren", "report": "rapporten"}


def _run(config_path: Path, flow: str, no_prefect: bool) -> dict:
    """Run pipeline stages as Prefect flows, or without Prefect through the same pipeline, with a progress bar."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from stemmen import service

    settings = _settings(config_path)
    config = str(settings.workspace / "stemmen.toml")
    if no_prefect:
        def run(stage: str):
            return service.RUNNERS[stage](settings)
    else:
        from pipelines.environment import configure_prefect

        configure_prefect(settings.prefect.api_url, settings.prefect.analytics)
        from pipelines import flows

        def run(stage: str):  # each stage its own flow run, visible in the Prefect UI
            return flows.STAGE_FLOWS[stage](config)
    out: dict = {}
    stages = STAGES[flow] or service.STAGES
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("stemmen", total=len(stages))
        for stage in stages:
            bar.update(task, description=f"stemmen: {STAGE_LABELS[stage]}")
            out[stage] = run(stage)
            bar.advance(task)
    return {k: v for k, v in out.items() if v is not None}


def _report(result: dict) -> bool:
    """Print what a run did; True when something failed."""
    failed = False
    if "ingest" in result:
        _print_summaries(result["ingest"]["summaries"], result["ingest"]["errors"])
        failed = bool(result["ingest"]["errors"])
    if "analyse" in result:
        a = result["analyse"]
        typer.echo(
            f"Analyse: {a['segments_added']} nieuwe segmenten; {a['segments_embedded']} segmenten met embedding"
            f" ({a['embedding_model']}); {a['sentiment_added']} nieuwe sentimentscores ({a['sentiment_model']})"
        )
        v = a.get("values")
        if v:
            typer.echo(f"Waarden: {v['segments_scored']} segmenten gescoord met manifest {v['manifest_version']}")
            for old in v.get("rescored_from") or []:
                typer.echo(f"  Herberekend: eerder gescoord met manifest {old['manifest_version']} ({old['scorer_key']});"
                           " oude scores blijven bewaard en worden niet gemengd.")
        t = a.get("themes")
        if t:
            typer.echo(f"Thema's: {t['themes']} ({t['status']}), {t['non_answers']} non-antwoorden apart gezet,"
                       f" {t['outlier_share']:.0%} niet toegewezen; codeboek: {t['codebook']}")
    if result.get("monitor", {}).get("skipped"):
        typer.echo(f"Monitoring overgeslagen: {result['monitor']['skipped']}.")
    elif result.get("monitor"):
        m = result["monitor"]
        typer.echo(f"Monitoring: {m['index_rows']} rijen afstemmingsindex, {m['gaps']} waarden vergeleken"
                   " (burgers tegenover medewerkers)" + (" — ongewijzigd sinds de vorige run" if m.get("unchanged") else ""))
        for al in m["alerts"]:
            typer.secho(
                f"  TERUGVAL: '{al['value_id']}' bij {al['department']} ({al['group_name']}), vanaf {al['start_period']},"
                f" gesignaleerd in {al['alarm_period']}, daling {al['drop']:.2f}", fg=typer.colors.YELLOW)
        if not m["alerts"]:
            typer.echo("  Geen terugval gesignaleerd.")
        for channel, status in ((m.get("signalled") or {}).get("sent") or {}).items():
            typer.echo(f"  Signaal via {channel}: {status}")
    return failed


@app.command()
def init(
    paths: Annotated[list[Path], typer.Argument(
        help="nieuwe (lege) map voor de werkruimte; met --from: de bestanden om bronblokken voor voor te stellen")],
    from_files: Annotated[bool, typer.Option(
        "--from", help="stel [[sources]]-blokken voor de gegeven bestanden voor (naar de uitvoer)")] = False,
) -> None:
    """Maak een werkruimte, of stel met --from bronblokken voor: stemmen init --from export.csv >> stemmen.toml"""
    if from_files:
        from stemmen.ingest.propose import propose_sources

        typer.echo(propose_sources(paths), nl=False)
        return
    if len(paths) != 1:
        _fail("Geef één map voor de nieuwe werkruimte, of --from met de bestanden om bronblokken voor te stellen.")
    from stemmen.workspace import init_workspace

    path = init_workspace(paths[0])
    typer.echo(f"Werkruimte aangemaakt in {path}. Zet je bestanden in {path / 'data'} en vul stemmen.toml aan"
               " (stemmen init --from BESTAND stelt de bronblokken voor).")


@app.command()
def ingest(config: ConfigOpt = None, no_prefect: NoPrefectOpt = False) -> None:
    """Lees alle geconfigureerde bronnen in (gepseudonimiseerd) in de database."""
    if _report(_run(config or Path.cwd(), "ingest", no_prefect)):
        raise typer.Exit(code=1)


@app.command()
def analyse(config: ConfigOpt = None, no_prefect: NoPrefectOpt = False) -> None:
    """Segmenten, embeddings en sentiment voor nieuwe documenten."""
    _report(_run(config or Path.cwd(), "analyse", no_prefect))


@app.command()
def monitor(config: ConfigOpt = None, no_prefect: NoPrefectOpt = False) -> None:
    """Afstemmingsindex, verschil burgers-medewerkers en terugvalsignalen."""
    _report(_run(config or Path.cwd(), "monitor", no_prefect))


@app.command()
def run(config: ConfigOpt = None, no_prefect: NoPrefectOpt = False) -> None:
    """De hele pijplijn: inlezen, analyseren, monitoren."""
    if _report(_run(config or Path.cwd(), "pipeline", no_prefect)):
        raise typer.Exit(code=1)


@app.command()
def demo(
    directory: Annotated[Path, typer.Argument(help="map voor de demowerkruimte")] = Path("demo-workspace"),
    no_prefect: NoPrefectOpt = False,
) -> None:
    """Maak de demogemeente Lindewaard aan en draai de pijplijn erop."""
    from stemmen.workspace import create_demo_workspace

    if directory.exists() and any(directory.iterdir()):
        _fail(f"{directory} bestaat al en is niet leeg; kies een andere map of verwijder hem.")
    path = create_demo_workspace(directory)
    typer.echo(f"Demowerkruimte: {path.resolve()}")
    result = _run(path, "pipeline", no_prefect)
    failed = _report(result)
    settings = _settings(path)
    typer.echo(f"Database: {settings.store_path.resolve()}")
    for p in result.get("report") or []:
        if p.endswith(".html"):
            typer.echo(f"Rapport: {p}")
    typer.echo(f"Exports: {settings.reports_path.resolve() / 'export'}")
    if failed:
        raise typer.Exit(code=1)


@app.command()
def report(
    config: ConfigOpt = None,
    scope: Annotated[list[str] | None, typer.Option(
        "--scope", help="deelrapport, bijv. 'golf=2026-01' of 'soort=enquete,afdeling=Vergunningen' (herhaalbaar)")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="ook PDF (via headless Chromium)")] = False,
) -> None:
    """Schrijf het themarapport en het monitoringsrapport (HTML, optioneel PDF) en de exports."""
    from stemmen import service

    for path in service.report(_settings(config or Path.cwd()), scopes=scope, pdf=pdf):
        typer.echo(path)


@app.command()
def export(
    config: ConfigOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="map voor de CSV-bestanden")] = None,
) -> None:
    """Exporteer de tabellen van de rapporten als CSV met Engelse namen, voor onderzoekers (docs/exports.md).

    De Nederlandse CSV-bestanden en de Excel-werkmap schrijft `stemmen report`."""
    from stemmen import service

    for path in service.export(_settings(config or Path.cwd()), out):
        typer.echo(path)


@app.command()
def serve(
    config: ConfigOpt = None,
    deployment: Annotated[list[str] | None, typer.Option(
        "--deployment", help="alleen deze deployment(s), bijv. wekelijks (herhaalbaar)")] = None,
) -> None:
    """Bied de geplande flows aan een Prefect-server aan (wekelijks monitoren, na elke meting)."""
    settings = _settings(config or Path.cwd())
    from pipelines.environment import configure_prefect

    configure_prefect(settings.prefect.api_url, settings.prefect.analytics)
    from pipelines.deployments import serve_deployments

    serve_deployments(str(settings.workspace / "stemmen.toml"), deployment or None)


@app.command()
def deploy(
    config: ConfigOpt = None,
    pool: Annotated[str, typer.Option("--pool", help="Prefect work pool (process) voor workers")] = "stemmen",
) -> None:
    """Registreer de deployments bij een work pool, voor workers op een of meer machines."""
    settings = _settings(config or Path.cwd())
    from pipelines.environment import configure_prefect

    configure_prefect(settings.prefect.api_url, settings.prefect.analytics)
    from pipelines.deployments import deploy_to_work_pool

    for d in deploy_to_work_pool(str(settings.workspace / "stemmen.toml"), pool) or []:
        typer.echo(str(d))


manifest_app = typer.Typer(help="Het MANIFEST (cultuur)vernieuwing: concept maken uit stap 1, herkenning toetsen.")
app.add_typer(manifest_app, name="manifest")


@manifest_app.command("draft")
def manifest_draft(
    config: ConfigOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="conceptbestand (standaard manifest-concept.toml)")] = None,
    until: Annotated[str | None, typer.Option(
        "--tot", help="alleen input van vóór deze datum (JJJJ-MM-DD); standaard de datum van het huidige manifest")] = None,
) -> None:
    """Stel kernwaarden voor uit wat burgers en medewerkers in stap 1 zeiden (enquêtes, brainstorms)."""
    from stemmen import service

    result = service.draft_manifest(_settings(config or Path.cwd()), out, until)
    typer.echo(f"Concept met {len(result['values'])} kandidaat-waarden uit {result['texts']} teksten"
               + (f" van vóór {result['until']}" if result["until"] else "") + f": {result['path']}")
    for name in result["values"]:
        typer.echo(f"  - {name}")


@manifest_app.command("evaluate")
def manifest_evaluate(
    labels: Annotated[Path, typer.Argument(help="tabel met gelabelde zinnen (CSV/TSV/XLSX: tekst, waarde, richting)")],
    config: ConfigOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="CSV met per zin hoe hij gelezen is")] = None,
) -> None:
    """Toets hoe goed de waarden herkend worden op eigen gelabelde zinnen (zonder en met voorbeelden)."""
    from stemmen import service
    from stemmen.report.evaluation import summary_lines, write_readings

    result = service.evaluate_manifest(_settings(config or Path.cwd()), labels)
    for line in summary_lines(result):
        typer.echo(line)
    if out is not None and result["evaluations"]:
        write_readings(out, list(result["evaluations"].values())[-1])
        typer.echo(f"Per zin: {out}")


@app.command()
def backup(
    config: ConfigOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="bestand voor de kopie (standaard in reservekopieen/)")] = None,
) -> None:
    """Maak een consistente kopie van de database (ook als reservekopie vóór een update)."""
    from stemmen import service

    typer.echo(f"Reservekopie: {service.backup_store(_settings(config or Path.cwd()), out)}")


@app.command()
def review(
    config: ConfigOpt = None,
    port: Annotated[int | None, typer.Option("--port", help="poort (standaard een vrije poort)")] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="de browser niet openen")] = False,
    export_to: Annotated[Path | None, typer.Option(
        "--export", help="in plaats van de pagina: de volgende teksten in een Excel-werkblad")] = None,
    import_from: Annotated[Path | None, typer.Option(
        "--import", help="in plaats van de pagina: labels uit een ingevuld werkblad inlezen")] = None,
    n: Annotated[int, typer.Option("--aantal", help="aantal teksten in het werkblad (--export)")] = 50,
) -> None:
    """Leer stemmen uw waarden: bevestig of verbeter de lezing van gekozen teksten (lokale pagina of werkblad)."""
    from stemmen import service

    settings = _settings(config or Path.cwd())
    if export_to is not None:
        out = service.export_review(settings, export_to, n)
        typer.echo(f"{out['segments']} teksten in {out['path']}; vul 'waarde' en 'richting' in en lees in met"
                   f" stemmen review --import {export_to.name}")
        return
    if import_from is not None:
        out = service.import_review(settings, import_from)
        typer.echo(f"{out['imported']} labels ingelezen; {out['labels']} labels in {out['path']}."
                   " De volgende run scoort opnieuw met de labels.")
        return
    from stemmen.review.app import serve

    typer.echo("Teksten en model laden...")
    session = service.open_review(settings)
    typer.echo(f"Labels worden bewaard in {session.labels_path} ({len(session.labels)} tot nu toe).")
    serve(session, port=port, open_browser=not no_browser,
          on_ready=lambda url: typer.echo(f"Open {url}  (alleen op deze computer; stoppen met Ctrl+C)"))
    typer.echo(f"Gestopt. {len(session.labels)} labels bewaard in {session.labels_path}; de volgende run scoort opnieuw.")


@app.command()
def rejected(config: ConfigOpt = None, limit: int = 50) -> None:
    """Toon afgewezen rijen met bestand, rij en reden."""
    from stemmen import service

    settings = _settings(config or Path.cwd())
    with service.open_store(settings) as store:
        rows = store.rejected(limit)
    for file_name, row, reason in rows:
        typer.echo(f"{file_name}, rij {row}: {reason}")
    if not rows:
        typer.echo("Geen afgewezen rijen.")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``stemmen`` command: a stemmen error or a damaged store ends with a Dutch message, not a
    traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app(args=argv, prog_name="stemmen", standalone_mode=True)
    except StemmenError as exc:
        typer.secho(f"FOUT: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(2)
    except Exception as exc:
        # DuckDB finds a damaged block only when it reads it: say which file and what to do, no traceback
        from stemmen.store_file import damaged_message

        message = damaged_message(exc) if type(exc).__module__.startswith(("duckdb", "_duckdb")) else None
        if message is None:
            raise
        typer.secho(f"FOUT: {message}", fg=typer.colors.RED, err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
