/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { commaSeparatedParts, IndexedResource, MeshIndex, referencedLogicalId } from '../../mesh-index';
import { CouldNotEvaluate, failEach, Finding, notApplicable, RuleDefinition } from '../../rule';

const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** `s3://bucket` or `s3://bucket/prefix`, with an S3 bucket name (3-63 characters of a-z, 0-9, `.`, `-`). */
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/**
 * The VPC, subnet and S3 location parameters of a blueprint configuration have the format the blueprints
 * read: subnet ids, a VPC id and an `s3://` URI, never ARNs, names or bare bucket names.
 */
export const REGIONAL_PARAMETERS_FORMAT: RuleDefinition = {
  id: 'BP5',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::DataZone::EnvironmentBlueprintConfiguration'],
  checklist: 'Enable the Tooling blueprint on the account VPC: choose the VPC and its private subnets',
  info: 'A regional parameter of the blueprint configuration is not in the format the blueprint reads: Subnets must be comma-separated subnet ids (subnet-…), VpcId a VPC id (vpc-…), S3Location an s3://bucket[/prefix] URI.',
  explanation: 'The parameters are a map of strings (botocore DataZone RegionalParameter: map of String to String) that DataZone hands to the blueprint\'s own template when it provisions an environment, so a wrong format is accepted when the blueprint is enabled and fails later, when the first project\'s environment is created. AWS\'s sample (aws/Unified-Studio-for-Amazon-Sagemaker cloudformation/domain/enable_all_blueprints.yaml) documents "Subnet IDs", "VPC ID" and an "S3 location"; AWS-IA and MDAA join subnet ids with commas and pass s3://<bucket>/ (issue #60 of that repository asks exactly this: ids or ARNs).',
  fix: 'Pass Subnets as subnet ids joined by commas (Fn::Join of subnet Refs, or "subnet-0a1b…,subnet-0c2d…"), VpcId as the VPC\'s id (a Ref to the VPC), S3Location as s3://<bucket>/<prefix> (MeshMemberAccount does all three from a TwoAzPrivateVpc).',
  check: (configuration, mesh) => {
    const list = configuration.properties.RegionalParameters;
    if (list === undefined) {
      return notApplicable();
    }
    if (!Array.isArray(list)) {
      throw new CouldNotEvaluate(`RegionalParameters of ${configuration.logicalId}`);
    }
    const findings: Finding[] = [];
    let anyChecked = false;
    for (const entry of list) {
      const region = typeof entry?.Region === 'string' ? entry.Region : 'a Region';
      const parameters = entry?.Parameters ?? {};
      if (typeof parameters !== 'object' || Array.isArray(parameters) || referencedLogicalId(parameters) !== undefined) {
        throw new CouldNotEvaluate(`the Parameters for ${region} of ${configuration.logicalId}`);
      }
      for (const [key, checker] of Object.entries(CHECKERS)) {
        const value = (parameters as Record<string, unknown>)[key];
        if (value === undefined) {
          continue;
        }
        anyChecked = true;
        const problem = checker(value, configuration, mesh, `${key} for ${region} of ${configuration.logicalId}`);
        if (problem) {
          findings.push({ key: `${key}:${region}`, found: `${key} ${problem} for ${region}` });
        }
      }
    }
    return anyChecked ? failEach(findings) : notApplicable();
  },
};

type Checker = (value: unknown, from: IndexedResource, mesh: MeshIndex, what: string) => string | undefined;

const CHECKERS: Record<string, Checker> = {
  Subnets: (value, from, mesh, what) => {
    const parts = commaSeparatedParts(value, what);
    const bad = parts.filter((part) => !isId(part, from, mesh, 'AWS::EC2::Subnet', SUBNET_ID, what));
    if (parts.length === 0) {
      return '\'\' (no subnet id); expected comma-separated subnet ids (subnet-…)';
    }
    return bad.length === 0 ? undefined : `${describe(bad)}: ${bad.length === 1 ? 'is not a subnet id' : 'are not subnet ids'}; expected comma-separated subnet ids (subnet-…)${bad.some((b) => typeof b === 'string' && b.startsWith('arn:')) ? ', not ARNs' : ''}`;
  },
  VpcId: (value, from, mesh, what) =>
    (isId(value, from, mesh, 'AWS::EC2::VPC', VPC_ID, what) ? undefined : `${describe([value])} is not a VPC id; expected vpc-…${typeof value === 'string' && value.startsWith('arn:') ? ', not an ARN' : ''}`),
  S3Location: (value, _from, _mesh, what) => {
    const text = templateText(value, what);
    if (S3_URI.test(text.replace(/\$\{[^}]*\}/g, 'x0x'))) {
      return undefined;
    }
    return `${JSON.stringify(text)} is not an s3:// URI; expected s3://<bucket>[/<prefix>]${text.startsWith('arn:') ? ', not an ARN' : text.includes('://') ? '' : ', not a bare bucket name'}`;
  },
};

/** True when `value` is a literal id matching `pattern`, or a `Ref` to a resource of `type` (whose Ref is its id). */
function isId(value: unknown, from: IndexedResource, mesh: MeshIndex, type: string, pattern: RegExp, what: string): boolean {
  if (typeof value === 'string') {
    return pattern.test(value);
  }
  const target = mesh.target(from, value);
  if (!target || target.type.startsWith('Custom::') || target.type === 'AWS::CloudFormation::CustomResource') {
    // A parameter, an import, or what a custom resource returns: known at deploy only.
    throw new CouldNotEvaluate(what, value);
  }
  if ((value as any).Ref !== undefined) {
    return target.type === type;
  }
  // Fn::GetAtt (a target without a string Ref is one): Subnet.SubnetId and VPC.VpcId are the ids; any other attribute (CidrBlock, …) is not.
  return target.type === type && (value as any)['Fn::GetAtt'][1] === (type === 'AWS::EC2::VPC' ? 'VpcId' : 'SubnetId');
}

/**
 * A value as text with `${…}` for each part that is not a literal, as long as the literal text decides
 * the format (an `Fn::Join` or `Fn::Sub` whose start is literal); else throws `CouldNotEvaluate`.
 */
function templateText(value: unknown, what: string): string {
  if (typeof value === 'string') {
    return value;
  }
  const v = value as any;
  const join = v?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const text = join[1].map((part: unknown) => (typeof part === 'string' ? part : '${x}')).join(join[0]);
    if (!text.startsWith('${')) {
      return text;
    }
  }
  const sub = Array.isArray(v?.['Fn::Sub']) ? v['Fn::Sub'][0] : v?.['Fn::Sub'];
  if (typeof sub === 'string' && !sub.startsWith('${')) {
    return sub;
  }
  throw new CouldNotEvaluate(what, value);
}

function describe(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v))).join(', ');
}
