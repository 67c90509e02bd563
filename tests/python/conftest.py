"""pytest setup for the Python suite.

The official way to run it is ``PYTHONPATH=build/python python3 -m pytest
tests/python``. When neither ENTENTE_PYTHONPATH nor PYTHONPATH is set, the
usual build folders are tried so that a bare ``pytest tests/python`` works
after ``cmake --build build``.
"""
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

if os.environ.get("ENTENTE_PYTHONPATH"):
    sys.path.insert(0, os.environ["ENTENTE_PYTHONPATH"])
elif not os.environ.get("PYTHONPATH"):
    for build in ("build", "build-py"):
        if (ROOT / build / "python" / "entente").is_dir():
            sys.path.insert(0, str(ROOT / build / "python"))
            break


@pytest.fixture
def data_dir():
    """The folder of .nfg test files (tests/data)."""
    return DATA


@pytest.fixture
def rps_matrix():
    """Rock-paper-scissors for the row player."""
    import numpy as np

    return np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
