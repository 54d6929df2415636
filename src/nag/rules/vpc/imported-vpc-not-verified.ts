/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { commaSeparatedParts, IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate, failEach, Finding, notApplicable, RuleDefinition } from '../../rule';

/**
 * The VPC and subnets a blueprint configuration gives its environments are defined in the app, so that
 * DataMesh-VPC1…VPC5 check them; a VPC or subnet from outside the app is reported as not verified.
 */
export const IMPORTED_VPC_NOT_VERIFIED: RuleDefinition = {
  id: 'VPC6',
  level: NagMessageLevel.WARN,
  appliesTo: ['AWS::DataZone::EnvironmentBlueprintConfiguration'],
  checklist: 'VPC endpoints exist for Glue, Athena, Redshift, EMR, MWAA, Bedrock and SageMaker (plus STS, Lake Formation, DataZone)',
  info: 'The blueprint configuration uses a VPC or subnets that are not defined in this app: their endpoints, zones and routes are not verified.',
  explanation: 'DataMesh-VPC1 to VPC5 read the AWS::EC2::VPC, subnets, routes and endpoints of the app. A VPC imported by id (Vpc.fromLookup, a literal vpc-…, subnet ids typed in) has none of those in any template, so whether jobs in its private subnets can reach Glue, Athena, STS, Lake Formation or DataZone is not checked at all: the mesh then fails in the first job, not at synth. This warning names what was not verified, instead of staying silent.',
  fix: 'Define the VPC in the app (TwoAzPrivateVpc) so that DataMesh-VPC4 checks its endpoints; or verify the imported VPC\'s interface endpoints (private DNS on) for the services DataMesh-VPC4 lists and its private subnets in two zones, then acknowledge DataMesh-VPC6[<vpc id>] with what you verified.',
  check: (configuration, mesh) => {
    const list = configuration.properties.RegionalParameters;
    if (!Array.isArray(list)) {
      if (list === undefined) {
        return notApplicable();
      }
      throw new CouldNotEvaluate(`RegionalParameters of ${configuration.logicalId}`);
    }
    const findings: Finding[] = [];
    let networked = false;
    for (const entry of list) {
      const parameters = entry?.Parameters ?? {};
      const region = typeof entry?.Region === 'string' ? entry.Region : 'a Region';
      const vpcId = parameters.VpcId;
      if (vpcId !== undefined) {
        networked = true;
        if (!inApp(vpcId, 'AWS::EC2::VPC', configuration, mesh, `VpcId for ${region} of ${configuration.logicalId}`)) {
          findings.push({ key: typeof vpcId === 'string' ? vpcId : `VpcId:${region}`, found: `VPC ${describe(vpcId)} (VpcId for ${region}), which is not defined in this app: its interface endpoints (DataMesh-VPC4), subnets and routes were not verified` });
        }
      }
      if (parameters.Subnets !== undefined) {
        networked = true;
        const outside = commaSeparatedParts(parameters.Subnets, `Subnets for ${region} of ${configuration.logicalId}`)
          .filter((part) => !inApp(part, 'AWS::EC2::Subnet', configuration, mesh, `a subnet in Subnets for ${region} of ${configuration.logicalId}`));
        if (outside.length > 0) {
          findings.push({ key: `Subnets:${region}`, found: `subnet(s) ${outside.map(describe).join(', ')} (Subnets for ${region}), which are not defined in this app: their zones, routes and reach to the VPC endpoints were not verified` });
        }
      }
    }
    return networked ? failEach(findings) : notApplicable();
  },
};

/**
 * True when `value` is a resource of `type` defined in the app: a `Ref`/`Fn::GetAtt` in the same
 * stack, or an `Fn::ImportValue` of an export that another stack of the app makes of one. False for a
 * literal id; `CouldNotEvaluate` for a parameter or any other intrinsic.
 */
function inApp(value: unknown, type: string, from: IndexedResource, mesh: MeshIndex, what: string): boolean {
  if (typeof value === 'string') {
    return false;
  }
  if (referencedLogicalId(value) !== undefined) {
    const target = mesh.target(from, value);
    if (target === undefined) {
      throw new CouldNotEvaluate(what, value); // a parameter
    }
    return target.type === type;
  }
  const exportName = (value as any)?.['Fn::ImportValue'];
  if (typeof exportName === 'string') {
    const exported = exportIs(exportName, type, from, mesh);
    if (exported !== undefined) {
      return exported;
    }
  }
  throw new CouldNotEvaluate(what, value);
}

/**
 * Whether the export `name` of a stack of the app is a resource of `type` (its `Ref` or `Fn::GetAtt`);
 * undefined when no stack of the app exports `name`.
 */
function exportIs(name: string, type: string, from: IndexedResource, mesh: MeshIndex): boolean | undefined {
  for (const construct of from.stack.node.root.node.findAll()) {
    if (construct instanceof CfnOutput) {
      const stack = Stack.of(construct);
      if (stack.resolve(construct.exportName) === name) {
        const id = referencedLogicalId(stack.resolve(construct.value));
        return mesh.ofType(stack, type).some((r) => r.logicalId === id); // a literal output (no id) is no resource
      }
    }
  }
  return undefined;
}

/** A value in the user's terms: a literal as itself, an import by its export name. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  const exportName = (value as any)['Fn::ImportValue']; // inApp has refused null and every other non-object
  return typeof exportName === 'string' ? `Fn::ImportValue ${exportName} (exported by no VPC or subnet of this app)` : JSON.stringify(value);
}
