"""The `welfare` command line, the reports, the demo generator and the benchmark."""
