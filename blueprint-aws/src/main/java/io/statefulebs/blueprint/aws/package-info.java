/**
 * AWS lookups for the blueprint on the AWS SDK v2, kept out of blueprint-api so users with a kubeconfig and a
 * zone need no AWS SDK: eligible availability zones as a {@link io.statefulebs.blueprint.spi.ZoneSource}, a
 * connection to an EKS cluster without a kubeconfig or the AWS CLI, and the EBS CSI driver check. Start from
 * {@link io.statefulebs.blueprint.aws.AwsLookups}. No Netty: clients this package creates use the URL-connection
 * HTTP client.
 */
package io.statefulebs.blueprint.aws;
