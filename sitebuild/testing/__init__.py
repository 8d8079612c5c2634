"""What the tests, benchmarks and scripts share: the served build, loopback servers, the browser."""
