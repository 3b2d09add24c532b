"""Exit statuses of the worker process (``python3 -m cdnmesh.worker``)."""

EXIT_OK = 0  #: result JSON on stdout
EXIT_ERROR = 1  #: unexpected Python error (traceback on stderr)
EXIT_CONFIG_ERROR = 2  #: ConfigError (same status as the ``cdnmesh`` CLI)
EXIT_SIMULATION_ERROR = 3  #: SimulationError
