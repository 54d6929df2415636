/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PythonProvider, PythonProviderProps, WAIT_BACKSTOP } from '../../src/private/python-provider';
import { SharedProviderRoles } from '../../src/private/shared-provider-roles';
import { expectCleanUnderBothPacks, testApp, testStack } from '../util';

const DOMAIN_ARN = 'arn:aws:datazone:eu-west-1:111111111111:domain/dzd_abc123';

function use(scope: Construct, props: Partial<PythonProviderProps> = {}): PythonProvider {
  return PythonProvider.of(scope, {
    handler: 'project_role',
    description: 'finds the project role',
    statements: [new iam.PolicyStatement({ sid: 'ReadDomain', actions: ['datazone:GetDomain'], resources: [DOMAIN_ARN] })],
    acknowledgements: [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'a reason' }],
    waits: true,
    ...props,
  });
}

/** The total length of the inline policies attached to the provider's role, as IAM counts it (no whitespace). */
function inlinePolicyCharacters(template: Template): number {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes('CdkDataMeshProjectRoleProvider'))
    .reduce((total, policy) => total + JSON.stringify(policy.Properties.PolicyDocument).length, 0);
}

describe('PythonProvider.of', () => {
  test('ten constructs of one stack that use one handler kind share one provider, made at the top of the stack', () => {
    const stack = testStack();
    const providers = Array.from({ length: 10 }, (_, i) => use(new Construct(stack, `User${i}`)));
    expect(new Set(providers).size).toBe(1);
    expect(providers[0].node.path).toBe(`${stack.node.path}/CdkDataMeshProjectRoleProvider`);
    const template = Template.fromStack(stack);
    // on_event and is_complete, and the framework's on_event, is_complete and on_timeout.
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test('two stacks each have their own provider', () => {
    const stack = testStack();
    const other = new Stack(stack.node.root, 'Other', { env: { account: stack.account, region: stack.region } });
    expect(use(stack)).not.toBe(use(other));
  });

  test('different handler kinds have different providers', () => {
    const stack = testStack();
    expect(use(stack)).not.toBe(use(stack, { handler: 'blueprint_id', waits: false }));
  });

  test('a provider that acts as a shared role is one per role', () => {
    const stack = testStack();
    const member = iam.Role.fromRoleName(stack, 'Member', 'cdk-data-mesh-project-member-eu-west-1');
    const again = iam.Role.fromRoleName(new Construct(stack, 'Elsewhere'), 'Member', 'cdk-data-mesh-project-member-eu-west-1');
    const other = iam.Role.fromRoleName(stack, 'Other', 'another-role');
    expect(use(stack, { role: member })).toBe(use(stack, { role: again }));
    expect(use(stack, { role: member })).not.toBe(use(stack, { role: other }));
    expect(use(stack, { role: member })).not.toBe(use(stack));
    expect(use(stack, { role: member }).handlerRole).toBe(member);
  });

  test('the same statement used many times is in the role\'s policy once, so the policy does not grow per use', () => {
    const once = testStack();
    use(once);
    const many = testStack();
    Array.from({ length: 50 }, (_, i) => use(new Construct(many, `User${i}`)));
    const template = Template.fromStack(many);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Sid: 'ReadDomain', Effect: 'Allow', Action: 'datazone:GetDomain', Resource: DOMAIN_ARN }]) },
    });
    expect(inlinePolicyCharacters(template)).toBe(inlinePolicyCharacters(Template.fromStack(once)));
    expect(inlinePolicyCharacters(template)).toBeLessThan(10_240);
  });

  test('statements with one Sid and the same actions are merged: the resources are unioned, each once', () => {
    const stack = testStack();
    const arns = ['dzd_a', 'dzd_b', 'dzd_a', 'dzd_c'].map((id) => `arn:aws:datazone:eu-west-1:111111111111:domain/${id}`);
    arns.forEach((arn, i) => use(new Construct(stack, `User${i}`), {
      statements: [new iam.PolicyStatement({ sid: 'ReadDomain', actions: ['datazone:GetDomain'], resources: [arn] })],
    }));
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement: any) => statement.Sid === 'ReadDomain');
    expect(statements).toEqual([{ Sid: 'ReadDomain', Effect: 'Allow', Action: 'datazone:GetDomain', Resource: [arns[0], arns[1], arns[3]] }]);
  });

  test('statements without a Sid are added once each', () => {
    const stack = testStack();
    const statement = () => new iam.PolicyStatement({ actions: ['datazone:GetDomain'], resources: [DOMAIN_ARN] });
    use(stack, { statements: [statement()] });
    use(stack, { statements: [statement(), statement()] });
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Action === 'datazone:GetDomain');
    expect(statements).toHaveLength(1);
  });

  test('refuses one Sid with other actions, and a second use that waits differently', () => {
    const stack = testStack();
    use(stack);
    expect(() => use(stack, { statements: [new iam.PolicyStatement({ sid: 'ReadDomain', actions: ['datazone:ListDomains'], resources: ['*'] })] }))
      .toThrow(/statement ReadDomain .* different actions/);
    expect(() => use(stack, { waits: false })).toThrow(/different 'waits'/);
  });

  test('acknowledges each finding once on the shared role, and the stack stays clean under both packs', () => {
    const stack = testStack();
    const [provider] = Array.from({ length: 3 }, (_, i) => use(new Construct(stack, `User${i}`), {
      statements: [new iam.PolicyStatement({ sid: 'ListRoles', actions: ['iam:ListRoles'], resources: ['*'] })],
    }));
    const acknowledged = provider.handlerRole.node.metadata.filter((entry) => JSON.stringify(entry.data).includes('AwsSolutions-IAM5[Resource::*]'));
    expect(acknowledged).toHaveLength(1);
    expectCleanUnderBothPacks(stack);
  });

  test('a waiting provider polls for a fixed backstop, longer than any handler\'s own wait and under one hour', () => {
    expect(WAIT_BACKSTOP.toMinutes()).toBeGreaterThan(55);
    expect(WAIT_BACKSTOP.toMinutes()).toBeLessThan(60);
    const stack = testStack();
    use(stack);
    // The framework counts the attempts: backstop / interval (30 s).
    const [machine] = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'));
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain(`\\"MaxAttempts\\":${WAIT_BACKSTOP.toSeconds() / 30}`);
  });
});

describe('PythonProvider under a scope with shared provider roles (a DataMesh)', () => {
  const ENV = { account: '111111111111', region: 'eu-west-1' };

  /** A mesh-like scope: the owner stack with the shared roles, and two later stacks of the same account. */
  function mesh() {
    const scope = new Construct(testApp(), 'Mesh');
    const owner = new Stack(scope, 'Governance', { env: ENV });
    SharedProviderRoles.register(scope, owner);
    const later = [new Stack(scope, 'Projects', { env: ENV }), new Stack(scope, 'Projects2', { env: ENV })];
    return { owner, later };
  }

  function roles(stack: Stack) {
    return Template.fromStack(stack).findResources('AWS::IAM::Role');
  }

  test('the owner stack holds two framework roles, with fixed names, for every provider of the mesh', () => {
    const { owner, later } = mesh();
    use(owner);
    later.forEach((stack) => use(stack));
    const template = Template.fromStack(owner);
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: Match.stringLikeRegexp('^cdk-data-mesh-[0-9a-f]{8}-provider-on-event$') });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: Match.stringLikeRegexp('^cdk-data-mesh-[0-9a-f]{8}-provider-is-complete$') });
    // The shared roles, the handler role and the waiter's role; no framework role of the provider's own.
    expect(Object.keys(roles(owner)).filter((id) => /framework/.test(id))).toEqual([]);
    expect(Object.keys(roles(owner))).toHaveLength(4);
  });

  test('a later stack\'s waiting provider makes only its handler role and its waiter\'s role, and imports the framework roles by name', () => {
    const { owner, later } = mesh();
    use(owner);
    later.forEach((stack) => use(stack));
    expect(Object.keys(roles(later[1])).sort()).toEqual([
      expect.stringMatching(/^CdkDataMeshProjectRoleProviderHandlerRole/),
      expect.stringMatching(/^CdkDataMeshProjectRoleProviderwaiterstatemachineRole/),
    ]);
    const template = Template.fromStack(later[1]);
    const frameworkRoles = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([id]) => /framework/.test(id)).map(([, fn]) => JSON.stringify(fn.Properties.Role));
    expect(frameworkRoles).toHaveLength(3);
    expect(frameworkRoles.filter((role) => role.includes(':role/cdk-data-mesh-') && role.includes('-provider-on-event'))).toHaveLength(1);
    expect(frameworkRoles.filter((role) => role.includes(':role/cdk-data-mesh-') && role.includes('-provider-is-complete'))).toHaveLength(2);
    // Nothing is added to the shared roles from here: no policy names them.
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('cdk-data-mesh-');
    expect(later[1].dependencies).toContain(owner);
  });

  test('the handler functions and the waiter are named under the prefix that the shared roles\' policy names', () => {
    const { owner, later } = mesh();
    use(owner);
    later.forEach((stack) => use(stack));
    const onEvent = Template.fromStack(owner).findResources('AWS::IAM::Role', { Properties: { RoleName: Match.stringLikeRegexp('provider-on-event$') } });
    const policy = JSON.stringify(Object.values(onEvent)[0].Properties.Policies);
    const prefix = /function:(cdk-data-mesh-[0-9a-f]{8}-)\*/.exec(policy)![1];
    expect(policy).toContain(`stateMachine:${prefix}*`);
    const template = Template.fromStack(later[0]);
    const handlers = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => !/framework/.test(id));
    expect(handlers.map(([, fn]) => fn.Properties.FunctionName)).toEqual([expect.stringMatching(`^${prefix}[0-9a-f]{12}$`), expect.stringMatching(`^${prefix}[0-9a-f]{12}$`)]);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: Match.stringLikeRegexp(`^${prefix}[0-9a-f]{12}$`) });
  });

  test('the shared roles\' policy is the same however many stacks and providers use them', () => {
    const policyOf = (stacks: number) => {
      const scope = new Construct(testApp(), 'Mesh');
      const owner = new Stack(scope, 'Governance', { env: ENV });
      SharedProviderRoles.register(scope, owner);
      for (let i = 0; i < stacks; i++) {
        const stack = new Stack(scope, `Projects${i}`, { env: ENV });
        use(stack);
        use(stack, { handler: 'blueprint_id', waits: false });
      }
      return JSON.stringify(Object.values(Template.fromStack(owner).findResources('AWS::IAM::Role')).map((r) => r.Properties.Policies));
    };
    expect(policyOf(1)).toEqual(policyOf(8));
  });

  test('a stack of another account under the scope keeps framework roles of its own', () => {
    const scope = new Construct(testApp(), 'Mesh');
    SharedProviderRoles.register(scope, new Stack(scope, 'Governance', { env: ENV }));
    const member = new Stack(scope, 'Member', { env: { ...ENV, account: '222222222222' } });
    use(member);
    expect(Object.keys(roles(member)).filter((id) => /framework/.test(id))).toHaveLength(3);
  });

  test('the owner and a later stack stay clean under both packs', () => {
    const { owner, later } = mesh();
    use(owner);
    later.forEach((stack) => use(stack));
    expectCleanUnderBothPacks(owner);
    expectCleanUnderBothPacks(later[0]);
  });
});

describe('PythonProvider without shared provider roles (constructs composed by hand)', () => {
  test('a waiting provider makes its own framework roles and leaves its functions\' names to CloudFormation', () => {
    const stack = testStack();
    use(stack);
    const template = Template.fromStack(stack);
    // The handler role, the framework's on_event, is_complete and on_timeout roles, and the waiter's role.
    template.resourceCountIs('AWS::IAM::Role', 5);
    expect(Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.FunctionName !== undefined)).toEqual([]);
  });
});
