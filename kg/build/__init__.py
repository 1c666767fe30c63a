"""``kg build``: read inputs, extract facts, emit RDF, write the outputs and a report.

A folder holds exactly the inputs of the build that wrote it: its ``report.json`` records them
(``holds``: each input's path, with the --date and --source it was read with). ``--append``
builds the inputs the folder holds together with the new ones, so every output (graph files,
view, store, report, merges, review) covers the union; the content-hash cache keeps the
articles already extracted from being extracted again.

One module a concern, each importing only those listed below it:

    run          build(): the stages in order
    fingerprint  whether the folder already holds this build
    reuse        the store and graph files a rebuild of the same statements takes from the folder
    render       the graph files and the view
    cache        the extraction cache (facts and their N-Quads), and extraction through it
    report       the build report, as frozen records, and report.json
    background   work handed to another process while this one goes on
    runners      where extraction runs: this process, a process pool, a Dask cluster
    inputs       what a folder holds, and one pass over the inputs before reading them
    clock        seconds per stage, and what a person at a terminal is told
    options      BuildOptions, BuildError
"""

from kg.build.options import BuildError, BuildOptions
from kg.build.report import BuildReport
from kg.build.run import build

__all__ = ["BuildError", "BuildOptions", "BuildReport", "build"]
