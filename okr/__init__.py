"""OKR dashboard: Excel workbooks in, DuckDB snapshots, honest scores out."""
