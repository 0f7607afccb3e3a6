"""The Mentorweb matching engine: optimal one-to-one mentoring assignments, explained.

Pure Python and NumPy, no Django: plain data in (an Instance, or JSON through io.py, or
profiles through candidates.py), plain data out (a Result). See solve.py for why the assignment
is optimal by construction, and model.py for how float scores become the solver's integers.
"""

from .io import dump_result, instance_to_dict, load_instance, result_to_dict
from .model import (
    OBJECTIVES,
    REASON_TEXT,
    SCORE_SCALE,
    Instance,
    InstanceError,
    Objective,
    Reason,
    ReasonCode,
    Result,
)
from .solve import EngineError, solve
from .validate import check_instance, instance_from_dict

__all__ = [
    "OBJECTIVES",
    "REASON_TEXT",
    "SCORE_SCALE",
    "EngineError",
    "Instance",
    "InstanceError",
    "Objective",
    "Reason",
    "ReasonCode",
    "Result",
    "check_instance",
    "dump_result",
    "instance_from_dict",
    "instance_to_dict",
    "load_instance",
    "result_to_dict",
    "solve",
]
