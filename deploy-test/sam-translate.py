#!/usr/bin/env python3
"""Prints template.yaml as CloudFormation JSON, translated by aws-sam-translator (what SAM deploys).

Each function's CodeUri becomes an S3 location first, as `sam package` would make it; the
translator needs no AWS access (managed policies are referred to by their well-known ARNs).
Usage: sam-translate.py TEMPLATE  (exit 3 when samtranslator is not installed)
"""
import json
import os
import sys

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError as e:
    print(f"aws-sam-translator is not installed ({e}): pip install aws-sam-translator", file=sys.stderr)
    sys.exit(3)


class NoManagedPolicies:
    """The translator asks only for policies named without an ARN; the template names none."""

    def load(self):
        return {}


def main(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-central-1")
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for name, resource in template.get("Resources", {}).items():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = f"s3://sam-translate/{name}"
    json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
