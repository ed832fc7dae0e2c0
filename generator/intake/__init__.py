"""Layer 1: files to raw rows (CSV, XLSX, YAML, JSON), clean values, validation; campaigns and content."""
