"""Click commands that live outside `journeymap.cli`; the CLI registers them with `add_command`."""
