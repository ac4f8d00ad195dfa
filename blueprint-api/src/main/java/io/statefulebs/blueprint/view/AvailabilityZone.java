package io.statefulebs.blueprint.view;

/** An availability zone a {@code ZoneSource} offers, e.g. {@code eu-west-2a} ({@code euw2-az2}) in {@code eu-west-2}. */
public record AvailabilityZone(String name, String zoneId, String region) {
}
