# Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
"""The README's Python code, run as written against the built wheel: the minimal mesh synthesizes the
seven stacks of ThreeAccountMesh with the same templates as examples/python/mesh_app.py (which CI compares
with TypeScript's), and the DataMeshChecks lines (register, acknowledge) work."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk

import cdk_data_mesh

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)

# The seven stacks of ThreeAccountMesh and their accounts, as the TypeScript example synthesizes them.
GOVERNANCE, PRODUCER, CONSUMER = (f"aws://{a}/eu-west-1" for a in ("111111111111", "222222222222", "333333333333"))
STACKS = {
    "Mesh/Governance": GOVERNANCE, "Mesh/Producer": PRODUCER, "Mesh/Consumer": CONSUMER, "Mesh/Projects": GOVERNANCE,
    "Mesh/ProducerData": PRODUCER, "Mesh/Subscriptions": GOVERNANCE, "Mesh/ConsumerApp": CONSUMER,
}


def block(containing: str, not_containing: str = "\0") -> str:
    found = [b for b in BLOCKS if containing in b and not_containing not in b]
    assert len(found) == 1, f"README.md should have one Python block with {containing!r}, found {len(found)}"
    return found[0]


def run(args: list, **kwargs) -> None:
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_minimal_mesh_synthesizes_the_examples_seven_stacks(tmp_path):
    readme_out, example_out = tmp_path / "readme", tmp_path / "example"
    # The program as a user runs it; the App writes to CDK_OUTDIR, as under the CDK CLI.
    run([sys.executable, "-c", block("ThreeAccountMesh(")], env={**os.environ, "CDK_OUTDIR": str(readme_out)})

    manifest = json.loads((readme_out / "manifest.json").read_text())
    stacks = {a["displayName"]: a for a in manifest["artifacts"].values() if a["type"] == "aws:cloudformation:stack"}
    assert {name: stack["environment"] for name, stack in stacks.items()} == STACKS
    for stack in stacks.values():
        assert (readme_out / stack["properties"]["templateFile"]).is_file()

    # The same templates as the example CI compares with TypeScript's (examples/python/mesh_app.py).
    run([sys.executable, str(ROOT / "examples/python/mesh_app.py"), str(example_out)])
    run([sys.executable, str(ROOT / "scripts/compare-templates.py"), str(example_out), str(readme_out)])


def test_registering_the_packs():
    scope: dict = {}
    exec(block("add_plugins(", not_containing="ThreeAccountMesh"), scope)
    assert isinstance(scope["app"], cdk.App)


def test_acknowledging_a_finding():
    app = cdk.App()
    stack = cdk.Stack(app, "Stack", env=cdk.Environment(account="222222222222", region="eu-west-1"))
    network = cdk_data_mesh.TwoAzPrivateVpc(stack, "Network", availability_zones=["eu-west-1a", "eu-west-1b"],
                                            endpoints=[cdk_data_mesh.MeshEndpointService.DATAZONE])
    exec(block(".acknowledge("), {"cdk": cdk, "network": network})
    recorded = [e.data for e in network.node.metadata if e.type == cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY]
    assert recorded, "acknowledge() recorded nothing on the construct"
    assert "DataMesh::DataMesh-VPC4[MWAA]" in json.dumps(recorded)
