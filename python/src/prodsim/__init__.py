"""prodsim from Python: runs and experiments through the prodsim CLI of this checkout (or the one
PRODSIM_CLI names), results as pandas DataFrames, Python policies served to the simulated world,
and a Gymnasium environment (`prodsim.gym.SlateEnv`, imported on its own)."""

from .errors import CliNotFound, PolicyError, ProdsimError
from .experiments import ExperimentResult, experiment, read_results
from .runs import run
from .serve import Service, serve

__all__ = [
    "run",
    "experiment",
    "read_results",
    "ExperimentResult",
    "serve",
    "Service",
    "ProdsimError",
    "PolicyError",
    "CliNotFound",
]
__version__ = "0.1.0"
