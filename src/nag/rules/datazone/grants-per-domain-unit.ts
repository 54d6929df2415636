/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { IndexedResource, MeshIndex } from '../../mesh-index';
import { fail, notApplicable, pass, RuleDefinition } from '../../rule';

const POLICY_GRANT = 'AWS::DataZone::PolicyGrant';
/** Amazon DataZone's quota "Grants per policy per domain unit" (https://docs.aws.amazon.com/datazone/latest/userguide/datazone-limits.html). */
export const GRANTS_PER_POLICY_PER_DOMAIN_UNIT = 20;

/** Each grant on a domain unit and the app's grants of the same domain, unit and policy type; computed once per index. */
const groupsOf = new WeakMap<MeshIndex, Map<IndexedResource, IndexedResource[]>>();

function groupOf(grant: IndexedResource, mesh: MeshIndex): IndexedResource[] {
  let byGrant = groupsOf.get(mesh);
  if (!byGrant) {
    const found = new Map<string, IndexedResource[]>();
    for (const each of mesh.allOfType(POLICY_GRANT)) {
      const p = each.properties;
      if (p.EntityType !== 'DOMAIN_UNIT') {
        continue;
      }
      const identity = (value: unknown) => mesh.identity(each.stack, value);
      const key = JSON.stringify([identity(p.DomainIdentifier), identity(p.EntityIdentifier), identity(p.PolicyType)]);
      found.set(key, [...(found.get(key) ?? []), each]);
    }
    byGrant = new Map([...found.values()].flatMap((group) => group.map((member) => [member, group] as [IndexedResource, IndexedResource[]])));
    groupsOf.set(mesh, byGrant);
  }
  return byGrant.get(grant) ?? [grant];
}

/** At most 20 grants of one policy on one domain unit, across every stack of the app. */
export const GRANTS_PER_DOMAIN_UNIT: RuleDefinition = {
  id: 'DZ7',
  level: NagMessageLevel.ERROR,
  appliesTo: [POLICY_GRANT],
  checklist: 'Grant project creation and project membership on the domain unit (policy grants)',
  info: `More than ${GRANTS_PER_POLICY_PER_DOMAIN_UNIT} policy grants of one policy type are made on one domain unit.`,
  explanation: `Amazon DataZone's quotas page lists "Grants per policy per domain unit: the maximum number of grants per policy per domain unit, ${GRANTS_PER_POLICY_PER_DOMAIN_UNIT}" (https://docs.aws.amazon.com/datazone/latest/userguide/datazone-limits.html). A mesh that makes one grant per profile (CREATE_PROJECT_FROM_PROJECT_PROFILE) or per member principal (ADD_TO_PROJECT_MEMBER_POOL) on the root domain unit passes every template check and stops at deploy on its ${GRANTS_PER_POLICY_PER_DOMAIN_UNIT + 1}st grant. The count is over every stack of the app: grants naming the same domain unit through Fn::ImportValue of another stack's export count together.`,
  fix: 'List many profiles in one CREATE_PROJECT_FROM_PROJECT_PROFILE grant (its ProjectProfiles takes a list; ProducerProjectProfile and ConsumerProjectProfile share one per stack), grant a group instead of each user, or give each team a child domain unit of its own (AWS::DataZone::DomainUnit) and make its grants there.',
  check: (grant, mesh) => {
    if (grant.properties.EntityType !== 'DOMAIN_UNIT') {
      return notApplicable();
    }
    const group = groupOf(grant, mesh);
    if (group.length <= GRANTS_PER_POLICY_PER_DOMAIN_UNIT) {
      return pass();
    }
    // One finding per group, on its first grant, naming five others and how many more (a group has more than 20): not one per grant.
    if (group[0] !== grant) {
      return notApplicable();
    }
    const where = (g: IndexedResource) => `${g.stack.stackName}/${g.logicalId}`;
    const shown = group.slice(1, 6).map(where).join(', ');
    return fail(`${group.length} ${grant.properties.PolicyType} grants on domain unit ${JSON.stringify(grant.properties.EntityIdentifier)} (this one and ${shown}, and ${group.length - 6} more); DataZone allows ${GRANTS_PER_POLICY_PER_DOMAIN_UNIT}`);
  },
};
