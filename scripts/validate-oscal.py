#!/usr/bin/env python3
"""Validates OSCAL JSON files with compliance-trestle's models (pinned in requirements-ci.txt).

Usage: .venv/bin/python scripts/validate-oscal.py FILE.oscal.json...
Each file must hold a component definition or assessment results of the OSCAL version trestle implements.
Exits non-zero when a file fails, or when no file is given (a glob that matched nothing).
"""
import json
import pathlib
import sys

from trestle.oscal import OSCAL_VERSION
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.component import ComponentDefinition

MODELS = {'component-definition': ComponentDefinition, 'assessment-results': AssessmentResults}


def validate(file: pathlib.Path) -> str:
    document = json.loads(file.read_text(encoding='utf-8'))
    kinds = [k for k in document if k in MODELS]
    if len(document) != 1 or not kinds:
        raise ValueError(f'expected one root of {sorted(MODELS)}, found {sorted(document)}')
    model = MODELS[kinds[0]].oscal_read(file)
    version = model.metadata.oscal_version
    while hasattr(version, 'root'):  # RootModel[StringDatatype] wraps the string twice
        version = version.root
    if version != OSCAL_VERSION:
        raise ValueError(f'oscal-version {version}, but trestle implements {OSCAL_VERSION}')
    return f'{kinds[0]}, OSCAL {version}'


def main(files: list[str]) -> int:
    if not files:
        print('validate-oscal: no file given', file=sys.stderr)
        return 2
    failed = 0
    for name in files:
        try:
            print(f'valid: {name} ({validate(pathlib.Path(name))})')
        except Exception as error:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f'INVALID: {name}: {error}', file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
