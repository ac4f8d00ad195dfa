package io.statefulebs.blueprint.view;

/**
 * An availability zone a {@code ZoneSource} offers, e.g. {@code eu-west-2a} ({@code euw2-az2}) in {@code eu-west-2}.
 *
 * @param name   the zone's name, e.g. {@code eu-west-2a}
 * @param zoneId the zone's id, e.g. {@code euw2-az2}; empty when the source cannot know it (a Kubernetes cluster
 *               names zones, only EC2 knows their ids)
 * @param region the zone's region, e.g. {@code eu-west-2}; empty when the source cannot know it
 */
public record AvailabilityZone(String name, String zoneId, String region) {
}
