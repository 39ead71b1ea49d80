"""Real TLS clients (browsers, runtimes, tools) driven against the scenario servers, and
the comparison of their outcomes with what tlsdoctor predicts for the matching profile."""
