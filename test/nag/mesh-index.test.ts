/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { couldNotEvaluate } from './fixtures';
import { describeValue } from '../../src/nag/could-not-evaluate';
import {
  commaSeparatedParts, DATAZONE_USER_OF, literalBoolean, literalList, literalString, MeshIndex, orderedAfter,
  referencedLogicalId, resolveKnown, stackDependsOn, SynthesizedTemplates,
} from '../../src/nag/mesh-index';
import { testApp, testStack } from '../util';


const inRegion = (region: string) => new Stack(testApp(), 'S', { env: { account: '111111111111', region } });
const pseudo = { Ref: 'AWS::Partition' };

describe('resolveKnown: what the stack decides is resolved, nothing else', () => {
  test('gives each Region its partition and URL suffix, and leaves both unknown for a Region of no known partition', () => {
    expect(resolveKnown([pseudo, { Ref: 'AWS::URLSuffix' }], inRegion('cn-north-1'))).toEqual(['aws-cn', 'amazonaws.com.cn']);
    expect(resolveKnown([pseudo, { Ref: 'AWS::URLSuffix' }], inRegion('us-gov-west-1'))).toEqual(['aws-us-gov', 'amazonaws.com']);
    for (const region of ['eu-west-1', 'ap-southeast-5', 'mx-central-1', 'il-central-1', 'af-south-1', 'me-central-1', 'sa-east-1', 'ca-west-1', 'us-east-1']) {
      expect(resolveKnown([pseudo, { Ref: 'AWS::URLSuffix' }, { Ref: 'AWS::Region' }], inRegion(region))).toEqual(['aws', 'amazonaws.com', region]);
    }
    for (const region of ['xx-west-1', 'eu-west', 'eu-west-1a', 'eusc-de-east-1x', 'eu-West-1']) {
      expect(resolveKnown([pseudo, { Ref: 'AWS::URLSuffix' }, { Ref: 'AWS::Region' }], inRegion(region))).toEqual([pseudo, { Ref: 'AWS::URLSuffix' }, region]);
    }
  });

  test('resolves the account and the Region of a stack that knows only one of them', () => {
    const regionOnly = new Stack(testApp(), 'R', { env: { region: 'eu-west-1' } });
    expect(resolveKnown([{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }], regionOnly)).toEqual([{ Ref: 'AWS::AccountId' }, 'eu-west-1']);
    const accountOnly = new Stack(testApp(), 'A', { env: { account: '111111111111' } });
    expect(resolveKnown([{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }, pseudo], accountOnly)).toEqual(['111111111111', { Ref: 'AWS::Region' }, pseudo]);
  });

  test('keeps a Ref to a parameter, carrying the parameter for messages but not in its JSON', () => {
    const stack = testStack();
    const resolved = resolveKnown({ Ref: 'Zone' }, stack, new Map([['Zone', { name: 'Zone', default: 'eu-west-1a' }]]));
    expect(resolved).toEqual({ Ref: 'Zone' });
    expect(JSON.stringify(resolved)).toBe('{"Ref":"Zone"}');
    expect(describeValue(resolved)).toBe('parameter Zone, default "eu-west-1a", which the deployment may override');
    expect(describeValue(resolveKnown({ Ref: 'Other' }, stack, new Map([['Zone', { name: 'Zone' }]])))).toBe("{ Ref: Other } (a parameter or a resource's id)");
  });

  test('reads an object with Ref beside other keys, or a Ref that is not a string, as a plain object', () => {
    const stack = testStack();
    expect(resolveKnown({ Ref: 'AWS::Region', Extra: { Ref: 'AWS::AccountId' } }, stack)).toEqual({ Ref: 'AWS::Region', Extra: '111111111111' });
    expect(resolveKnown({ Ref: ['AWS::Region'] }, stack)).toEqual({ Ref: ['AWS::Region'] });
    expect(resolveKnown([null, 1, true, 'x', [{ Ref: 'AWS::Region' }]], stack)).toEqual([null, 1, true, 'x', ['eu-west-1']]);
  });

  test('makes an Fn::Sub whose variables are all known its string, with ${!x} as the literal ${x}', () => {
    const stack = testStack();
    expect(resolveKnown({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${!Literal}-${AWS::Region}' }, stack)).toBe('arn:aws:s3:::${Literal}-eu-west-1');
    expect(resolveKnown({ 'Fn::Sub': ['${Name}-${AWS::AccountId}', { Name: 'trees' }] }, stack)).toBe('trees-111111111111');
    expect(resolveKnown({ 'Fn::Sub': ['${Name}', { Name: { Ref: 'AWS::Region' } }] }, stack)).toBe('eu-west-1');
    expect(resolveKnown({ 'Fn::Sub': ['plain'] }, stack)).toBe('plain');
    expect(resolveKnown({ 'Fn::Sub': 'no variables' }, stack)).toBe('no variables');
  });

  test('keeps an Fn::Sub with an unknown variable, replacing only the pseudo parameters no variable shadows', () => {
    const stack = testStack();
    expect(resolveKnown({ 'Fn::Sub': '${AWS::Region}-${Bucket}-${!Literal}' }, stack)).toEqual({ 'Fn::Sub': 'eu-west-1-${Bucket}-${!Literal}' });
    expect(resolveKnown({ 'Fn::Sub': ['${AWS::Region}-${Name}', { 'AWS::Region': { Ref: 'R' }, 'Name': { Ref: 'N' } }] }, stack))
      .toEqual({ 'Fn::Sub': ['${AWS::Region}-${Name}', { 'AWS::Region': { Ref: 'R' }, 'Name': { Ref: 'N' } }] });
    expect(resolveKnown({ 'Fn::Sub': ['${AWS::AccountId}:${Name}', { Name: { 'Fn::GetAtt': ['B', 'Arn'] } }] }, stack))
      .toEqual({ 'Fn::Sub': ['111111111111:${Name}', { Name: { 'Fn::GetAtt': ['B', 'Arn'] } }] });
    const agnostic = new Stack(testApp(), 'Agnostic');
    expect(resolveKnown({ 'Fn::Sub': 'arn:${AWS::Partition}:x' }, agnostic)).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:x' });
  });

  test('keeps an Fn::Sub it cannot read: a template that is not a string, or variables that are not an object', () => {
    const stack = testStack();
    expect(resolveKnown({ 'Fn::Sub': { Ref: 'Template' } }, stack)).toEqual({ 'Fn::Sub': { Ref: 'Template' } });
    expect(resolveKnown({ 'Fn::Sub': [{ Ref: 'Template' }, {}] }, stack)).toEqual({ 'Fn::Sub': [{ Ref: 'Template' }, {}] });
    expect(resolveKnown({ 'Fn::Sub': ['${AWS::Region}', 'x'] }, stack)).toEqual({ 'Fn::Sub': ['${AWS::Region}', 'x'] });
    expect(resolveKnown({ 'Fn::Sub': ['${AWS::Region}', null] }, stack)).toBe('eu-west-1');
    expect(resolveKnown({ 'Fn::Sub': 42 }, stack)).toEqual({ 'Fn::Sub': 42 });
  });

  test('makes an Fn::Join of literals its string, and keeps one with a part or a delimiter only known at deploy', () => {
    const stack = testStack();
    expect(resolveKnown({ 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }, 'b']] }, stack)).toBe('a-eu-west-1-b');
    expect(resolveKnown({ 'Fn::Join': ['', []] }, stack)).toBe('');
    expect(resolveKnown({ 'Fn::Join': ['-', ['a', { Ref: 'P' }]] }, stack)).toEqual({ 'Fn::Join': ['-', ['a', { Ref: 'P' }]] });
    expect(resolveKnown({ 'Fn::Join': [{ Ref: 'D' }, ['a', 'b']] }, stack)).toEqual({ 'Fn::Join': [{ Ref: 'D' }, ['a', 'b']] });
    expect(resolveKnown({ 'Fn::Join': ['-', { Ref: 'List' }] }, stack)).toEqual({ 'Fn::Join': ['-', { Ref: 'List' }] });
    expect(resolveKnown({ 'Fn::Join': 'x' }, stack)).toEqual({ 'Fn::Join': 'x' });
  });
});

describe('the readers of literal values', () => {
  test('referencedLogicalId names the resource of a Ref or an Fn::GetAtt list, and nothing else', () => {
    expect(referencedLogicalId({ Ref: 'Bucket' })).toBe('Bucket');
    expect(referencedLogicalId({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('Bucket');
    for (const value of [{ 'Fn::GetAtt': 'Bucket.Arn' }, { 'Fn::GetAtt': [{ Ref: 'X' }, 'Arn'] }, { Ref: 1 }, [{ Ref: 'Bucket' }], 'Bucket', null, undefined, { 'Fn::Sub': '${Bucket}' }]) {
      expect(referencedLogicalId(value)).toBeUndefined();
    }
  });

  test('commaSeparatedParts splits a literal and a join on commas, and keeps a lone reference as one item', () => {
    expect(commaSeparatedParts(' subnet-1, subnet-2 ,,subnet-3', 'Subnets')).toEqual(['subnet-1', 'subnet-2', 'subnet-3']);
    expect(commaSeparatedParts({ 'Fn::Join': [',', ['subnet-1,subnet-2', { Ref: 'A' }, ' subnet-3 ']] }, 'Subnets')).toEqual(['subnet-1', 'subnet-2', { Ref: 'A' }, 'subnet-3']);
    expect(commaSeparatedParts({ Ref: 'A' }, 'Subnets')).toEqual([{ Ref: 'A' }]);
    expect(commaSeparatedParts({ 'Fn::GetAtt': ['Subnet', 'SubnetId'] }, 'Subnets')).toEqual([{ 'Fn::GetAtt': ['Subnet', 'SubnetId'] }]);
    expect(commaSeparatedParts('', 'Subnets')).toEqual([]);
  });

  test('commaSeparatedParts cannot read a join on another delimiter, a join of a list only known at deploy, or another intrinsic', () => {
    expect(couldNotEvaluate(() => commaSeparatedParts({ 'Fn::Join': [';', ['a', 'b']] }, 'Subnets of X'))).toBe(
      'could not evaluate: Subnets of X ({"Fn::Join":[";",["a","b"]]}) is not known at synth (a token, parameter or intrinsic function)');
    expect(couldNotEvaluate(() => commaSeparatedParts({ 'Fn::Join': [',', { Ref: 'List' }] }, 'S'))).toMatch(/^could not evaluate: S \(\{"Fn::Join"/);
    expect(couldNotEvaluate(() => commaSeparatedParts({ 'Fn::ImportValue': 'Subnets' }, 'S'))).toMatch(/^could not evaluate: S \(Fn::ImportValue Subnets\)/);
    expect(couldNotEvaluate(() => commaSeparatedParts(undefined, 'S'))).toBe('could not evaluate: S is not known at synth (a token, parameter or intrinsic function)');
  });

  test('literalString, literalList and literalBoolean read literals and name what they cannot read', () => {
    expect(literalString('a', 'X')).toBe('a');
    expect(couldNotEvaluate(() => literalString({ Ref: 'P' }, 'the name of Y'))).toMatch(/^could not evaluate: the name of Y \(\{ Ref: P \}/);
    expect(literalList(undefined, 'X')).toEqual([]);
    expect(literalList([{ Ref: 'P' }], 'X')).toEqual([{ Ref: 'P' }]);
    expect(couldNotEvaluate(() => literalList({ 'Fn::Split': [',', 'a'] }, 'the list of Y'))).toMatch(/^could not evaluate: the list of Y \(\{"Fn::Split"/);
    expect([literalBoolean(undefined, 'X'), literalBoolean(true, 'X'), literalBoolean(false, 'X'), literalBoolean('true', 'X'), literalBoolean('false', 'X')])
      .toEqual([false, true, false, true, false]);
    expect(couldNotEvaluate(() => literalBoolean('yes', 'Flag of Y'))).toMatch(/^could not evaluate: Flag of Y \('yes'\)/);
    expect(couldNotEvaluate(() => literalBoolean({ Ref: 'P' }, 'Flag of Y'))).toMatch(/^could not evaluate: Flag of Y \(\{ Ref: P \}/);
  });

  test('DATAZONE_USER_OF reads the user of a membership, a policy grant and an owner', () => {
    expect(DATAZONE_USER_OF['AWS::DataZone::ProjectMembership']({ Member: { UserIdentifier: 'u1' } })).toBe('u1');
    expect(DATAZONE_USER_OF['AWS::DataZone::PolicyGrant']({ Principal: { User: { UserIdentifier: 'u2' } } })).toBe('u2');
    expect(DATAZONE_USER_OF['AWS::DataZone::Owner']({ Owner: { User: { UserIdentifier: 'u3' } } })).toBe('u3');
    expect(['AWS::DataZone::ProjectMembership', 'AWS::DataZone::PolicyGrant', 'AWS::DataZone::Owner'].map((t) => DATAZONE_USER_OF[t]({}))).toEqual([undefined, undefined, undefined]);
  });
});

describe('the order CloudFormation creates resources and stacks in', () => {
  test('stackDependsOn follows stack dependencies transitively, once each through a diamond', () => {
    const app = testApp();
    const [a, b, c, d, e] = ['A', 'B', 'C', 'D', 'E'].map((id) => new Stack(app, id));
    a.addStackDependency(b);
    a.addStackDependency(c);
    b.addStackDependency(d);
    c.addStackDependency(d);
    expect([stackDependsOn(a, b), stackDependsOn(a, d), stackDependsOn(a, e), stackDependsOn(d, a), stackDependsOn(b, c)])
      .toEqual([true, true, false, false, false]);
  });

  test('orderedAfter follows DependsOn and references through other resources, and stack dependencies across stacks', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const first = new s3.CfnBucket(stack, 'First');
    const middle = new ssm.CfnParameter(stack, 'Middle', { type: 'String', value: first.ref });
    const last = new ssm.CfnParameter(stack, 'Last', { type: 'String', value: 'x' });
    last.addResourceDependency(middle);
    const unrelated = new s3.CfnBucket(stack, 'Unrelated');
    const other = new Stack(app, 'Other', { env: { account: '111111111111', region: 'eu-west-1' } });
    const later = new s3.CfnBucket(other, 'Later');
    other.addStackDependency(stack);
    const mesh = MeshIndex.build(app);
    const r = (node: CfnResource) => mesh.get(node)!;
    expect(orderedAfter(r(last), r(first), mesh)).toBe(true);
    expect(orderedAfter(r(middle), r(first), mesh)).toBe(true);
    expect(orderedAfter(r(first), r(last), mesh)).toBe(false);
    expect(orderedAfter(r(unrelated), r(first), mesh)).toBe(false);
    expect(orderedAfter(r(later), r(first), mesh)).toBe(true);
    expect(orderedAfter(r(first), r(later), mesh)).toBe(false);
  });

  test('a resource depends on what it names with DependsOn (one or a list), its references, and construct dependencies', () => {
    const stack = testStack();
    const a = new s3.CfnBucket(stack, 'A');
    const b = new s3.CfnBucket(stack, 'B');
    const c = new s3.CfnBucket(stack, 'C');
    const one = new s3.CfnBucket(stack, 'One');
    one.addOverride('DependsOn', 'A');
    const list = new ssm.CfnParameter(stack, 'List', { type: 'String', value: { 'Fn::GetAtt': ['C', 'Arn'] } as any });
    list.addOverride('DependsOn', ['A', 'B']);
    const byConstruct = new ssm.CfnParameter(stack, 'ByConstruct', { type: 'String', value: 'x' });
    byConstruct.node.addDependency(a, b);
    const mesh = MeshIndex.build(stack);
    expect([...mesh.get(one)!.dependsOn]).toEqual(['A']);
    expect([...mesh.get(list)!.dependsOn].sort()).toEqual(['A', 'B', 'C']);
    expect([...mesh.get(byConstruct)!.dependsOn].sort()).toEqual(['A', 'B']);
    expect([...mesh.get(c)!.dependsOn]).toEqual([]);
  });

  test('a reference inside a list of a property is a dependency', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'A');
    const listed = new CfnResource(stack, 'Listed', { type: 'Test::Listed', properties: { Items: [{ Name: 'x' }, [{ Ref: 'A' }]] } });
    expect([...MeshIndex.build(stack).get(listed)!.dependsOn]).toEqual(['A']);
  });

  test('a construct dependency on a scope is one on that scope\'s resources in the resource\'s stack, not on the resource itself', () => {
    const app = testApp();
    const stack = testStack({}, app);
    const group = new Construct(stack, 'Group');
    const inGroup = new s3.CfnBucket(group, 'InGroup');
    const self = new ssm.CfnParameter(group, 'Self', { type: 'String', value: 'x' });
    new CfnOutput(group, 'NotAResource', { value: 'x' });
    const waiting = new ssm.CfnParameter(stack, 'Waiting', { type: 'String', value: 'x' });
    waiting.node.addDependency(group);
    self.node.addDependency(group);
    const mesh = MeshIndex.build(app);
    const id = (node: CfnResource) => stack.resolve(node.logicalId);
    expect([...mesh.get(waiting)!.dependsOn].sort()).toEqual([id(inGroup), id(self)].sort());
    expect([...mesh.get(self)!.dependsOn]).toEqual([id(inGroup)]);
    const other = new Stack(app, 'Other', { env: { account: '111111111111', region: 'eu-west-1' } });
    const crossStack = new ssm.CfnParameter(other, 'CrossStack', { type: 'String', value: 'x' });
    crossStack.node.addDependency(group);
    expect([...MeshIndex.build(app).get(crossStack)!.dependsOn]).toEqual([]);
  });

  test('orderedAfter ends on a circular DependsOn (CloudFormation refuses one at deploy; the pack must still answer)', () => {
    const stack = testStack();
    const a = new s3.CfnBucket(stack, 'A');
    const b = new s3.CfnBucket(stack, 'B');
    const c = new s3.CfnBucket(stack, 'C');
    a.addOverride('DependsOn', ['B']);
    b.addOverride('DependsOn', ['A']);
    const mesh = MeshIndex.build(stack);
    expect(orderedAfter(mesh.get(a)!, mesh.get(c)!, mesh)).toBe(false);
  });
});

describe('MeshIndex: the resources of an app, by stack and type', () => {
  function app() {
    const root = testApp();
    const stack = testStack({}, root);
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    new s3.CfnBucket(stack, 'Second');
    const parameter = new ssm.CfnParameter(stack, 'Parameter', { type: 'String', value: bucket.ref });
    new CfnOutput(stack, 'Out', { value: bucket.ref, exportName: 'BucketName' });
    new CfnOutput(stack, 'Plain', { value: 'x' });
    new CfnParameter(stack, 'Input');
    const consumer = new Stack(root, 'Consumer', { env: { account: '222222222222', region: 'eu-west-1' } });
    const imported = new ssm.CfnParameter(consumer, 'Imported', { type: 'String', value: 'x' });
    new Stack(root, 'Empty');
    return { root, stack, bucket, parameter, consumer, imported };
  }

  test('counts resources, outputs and parameters per stack, and lists types and stacks with resources', () => {
    const { root, stack, consumer } = app();
    const mesh = MeshIndex.build(root);
    const empty = root.node.findChild('Empty') as Stack;
    expect([mesh.stackSize(stack), mesh.outputCount(stack), mesh.parameterCount(stack)]).toEqual([3, 2, 1]);
    expect([mesh.stackSize(empty), mesh.outputCount(empty), mesh.parameterCount(empty)]).toEqual([0, 0, 0]);
    expect(mesh.typesIn(stack)).toEqual(['AWS::S3::Bucket', 'AWS::SSM::Parameter']);
    expect(mesh.typesIn(empty)).toEqual([]);
    expect(mesh.stacks()).toEqual([stack, consumer]);
    expect([mesh.holdsStack(stack), mesh.holdsStack(empty), mesh.holdsStack(new Stack(testApp(), 'Elsewhere'))]).toEqual([true, true, false]);
    expect(mesh.firstOf(stack)).toBe('Bucket');
    expect(mesh.firstOf(empty)).toBeUndefined();
    expect(mesh.templateBytes(stack)).toBeUndefined();
  });

  test('finds resources by type in a stack or the whole app, and nothing for a type it lacks', () => {
    const { root, stack, consumer } = app();
    const mesh = MeshIndex.build(root);
    expect(mesh.ofType(stack, 'AWS::S3::Bucket').map((r) => r.logicalId)).toEqual(['Bucket', 'Second']);
    expect(mesh.ofType(consumer, 'AWS::S3::Bucket')).toEqual([]);
    expect(mesh.ofType(root.node.findChild('Empty') as Stack, 'AWS::S3::Bucket')).toEqual([]);
    expect(mesh.allOfType('AWS::SSM::Parameter').map((r) => `${r.stack.stackName}/${r.logicalId}`)).toEqual(['Test/Parameter', 'Consumer/Imported']);
    expect(mesh.allOfType('AWS::KMS::Key')).toEqual([]);
  });

  test('resolves references within a stack: target, refersTo and referrers', () => {
    const { root, bucket, parameter, imported } = app();
    const mesh = MeshIndex.build(root);
    const b = mesh.get(bucket)!;
    const p = mesh.get(parameter)!;
    expect(mesh.target(p, { Ref: 'Bucket' })).toBe(b);
    expect(mesh.target(p, { 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe(b);
    expect(mesh.target(p, { Ref: 'Input' })).toBeUndefined();
    expect(mesh.target(p, 'Bucket')).toBeUndefined();
    expect(mesh.target(mesh.get(imported)!, { Ref: 'Bucket' })).toBeUndefined();
    expect([mesh.refersTo({ Ref: 'Bucket' }, b), mesh.refersTo({ Ref: 'Second' }, b), mesh.refersTo('Bucket', b)]).toEqual([true, false, false]);
    expect(mesh.referrers(b, 'AWS::SSM::Parameter', 'Value')).toEqual([p]);
    expect(mesh.referrers(b, 'AWS::SSM::Parameter', 'Name')).toEqual([]);
    expect(mesh.referrers(b, 'AWS::S3::Bucket', 'Value')).toEqual([]);
  });

  test('gives one identity to a literal, a resource (and its attribute) and an imported export, in every stack', () => {
    const { root, stack, consumer } = app();
    const mesh = MeshIndex.build(root);
    expect([mesh.identity(stack, 'x'), mesh.identity(stack, 3), mesh.identity(stack, false)]).toEqual(['literal:x', 'literal:3', 'literal:false']);
    expect(mesh.identity(stack, { Ref: 'Bucket' })).toBe('resource:Test/Bucket');
    expect(mesh.identity(stack, { 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('resource:Test/Bucket.Arn');
    expect(mesh.identity(consumer, { Ref: 'Bucket' })).toBe('resource:Test/Bucket');
    expect(mesh.identity(consumer, { 'Fn::ImportValue': 'BucketName' })).toBe('resource:Test/Bucket');
    expect(mesh.identity(consumer, { 'Fn::ImportValue': 'Unknown' })).toBe('value:Consumer:{"Fn::ImportValue":"Unknown"}');
    expect(mesh.identity(stack, { Ref: 'Input' })).toBe('value:Test:{"Ref":"Input"}');
    expect(mesh.identity(stack, undefined)).toBe('value:Test:undefined');
  });

  test('names a reference that several other stacks could resolve by its value, not by one of them', () => {
    const root = testApp();
    new s3.CfnBucket(new Stack(root, 'One'), 'Bucket');
    new s3.CfnBucket(new Stack(root, 'Two'), 'Bucket');
    const third = new Stack(root, 'Third');
    new s3.CfnBucket(third, 'Other');
    const mesh = MeshIndex.build(root);
    expect(mesh.identity(third, { Ref: 'Bucket' })).toBe('value:Third:{"Ref":"Bucket"}');
    expect(mesh.identity(root.node.findChild('One') as Stack, { Ref: 'Bucket' })).toBe('resource:One/Bucket');
  });

  test('reads each resource\'s properties resolved, and an empty object for a resource without properties', () => {
    const { root, parameter, bucket } = app();
    const mesh = MeshIndex.build(root);
    expect(mesh.get(parameter)!.properties).toEqual({ Type: 'String', Value: { Ref: 'Bucket' } });
    expect(mesh.get(bucket)!.properties).toEqual({});
    expect(mesh.get(parameter)!.type).toBe('AWS::SSM::Parameter');
  });
});

describe('SynthesizedTemplates: resources read from the templates synthesis wrote', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesh-index-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads a stack\'s written template by the path given, else its stage\'s directory, and nothing when there is none', () => {
    const app = new App({ outdir: dir });
    const stack = new Stack(app, 'Written');
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    const file = join(dir, 'elsewhere.json');
    writeFileSync(file, JSON.stringify({ Resources: { Renamed: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'from-file' }, Metadata: { 'aws:cdk:path': 'Written/Bucket' } } } }));
    const templates = new SynthesizedTemplates();
    expect(templates.bytes(stack)).toBeUndefined();
    expect(templates.resource(stack, 'Renamed')).toBeUndefined();
    expect(templates.logicalIdOf(bucket, stack)).toBeUndefined();
    templates.add({ stackConstructPath: 'Written', templatePath: file } as any);
    expect(templates.bytes(stack)).toBeGreaterThan(100);
    expect(templates.resource(stack, 'Renamed')).toEqual(expect.objectContaining({ Properties: { BucketName: 'from-file' } }));
    expect(templates.resource(stack, 'Missing')).toBeUndefined();
    expect(templates.logicalIdOf(bucket, stack)).toBe('Renamed');
    const mesh = MeshIndex.build(app, templates);
    expect(mesh.get(bucket)!.logicalId).toBe('Renamed');
    expect(mesh.get(bucket)!.properties).toEqual({ BucketName: 'from-file' });
    expect(mesh.templateBytes(stack)).toBe(templates.bytes(stack));
  });

  test('falls back to the stage\'s assembly directory, ignores resources without a construct path, and renders what no template holds', () => {
    const app = new App({ outdir: dir });
    const stack = new Stack(app, 'Staged');
    const bucket = new s3.CfnBucket(stack, 'Bucket', { bucketName: 'rendered' });
    writeFileSync(join(dir, stack.templateFile), JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket', DependsOn: 'Other' }, NoPath: { Type: 'AWS::S3::Bucket' } } }));
    const templates = new SynthesizedTemplates();
    expect(templates.bytes(stack)).toBeGreaterThan(10);
    expect(templates.logicalIdOf(bucket, stack)).toBeUndefined();
    const mesh = MeshIndex.build(app, templates);
    const resource = mesh.get(bucket)!;
    expect(resource.logicalId).toBe('Bucket');
    expect(resource.properties).toEqual({});
    expect([...resource.dependsOn]).toEqual(['Other']);
    const unwritten = new SynthesizedTemplates();
    const rendered = MeshIndex.build(new Stack(new App(), 'Unwritten'), unwritten);
    expect(rendered.stacks()).toEqual([]);
    expect(MeshIndex.build(app).get(bucket)!.properties).toEqual({ BucketName: 'rendered' });
  });
});
