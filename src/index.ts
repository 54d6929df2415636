/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
export * from './two-az-private-vpc/mesh-endpoint-service';
export * from './two-az-private-vpc/two-az-private-vpc';
export * from './nag/data-mesh-checks';
export * from './catalog-domain/catalog-domain';
export * from './catalog-domain/domain-grant-principal';
export * from './catalog-domain/domain-share-permission';
export * from './member-account/managed-blueprint';
export * from './member-account/mesh-member-account';
export * from './member-account/member-baseline-stack-set';
export * from './project-profile/mesh-project-profile';
export * from './producer-data/producer-data-product';
export * from './consumer-binding/consumer-binding';
export * from './consumer-subscription/consumer-subscription';
export * from './workload-binding/bound-workload';
export * from './workload-binding/workload-binding';
export * from './mesh/three-account-mesh';
export * from './project-profile/mesh-project-member';
export * from './project-profile/mesh-project-principal';
export * from './mesh/data-mesh';
