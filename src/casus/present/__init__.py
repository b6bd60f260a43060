"""Present: the run's outputs (JSONL, CSV, report.html), exports and the web API.

Public entry point: ``write_outputs(out_dir, result)``.
"""

from casus.present.outputs import write_outputs

__all__ = ["write_outputs"]
