"""Layer 4: the build plan, the pipeline, the change log, the writer that runs the outputs, the atomic swap."""
