"""Benchmarks: import and page speed at 1k, 10k and 100k key results (issue #7).

`python -m benchmarks` generates the workbooks (`generate.py`) and measures
them (`run.py`); results go to `benchmarks/out/results.json`.
"""
