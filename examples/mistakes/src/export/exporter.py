# exporter
