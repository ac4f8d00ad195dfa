package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.error.BackendException;

import java.util.Optional;

/**
 * An AWS call made by this module failed. The message says what was being looked up and how to fix it (for a
 * denied call: the IAM action to grant). The SDK's exception, when there is one, is the cause.
 */
public class AwsLookupException extends BackendException {
    /** AWS's error code, or null. */
    private final String errorCode;
    /** The IAM action of the failed call, or null. */
    private final String iamAction;

    /**
     * An exception about a failed AWS call.
     *
     * @param operation what was being looked up
     * @param message what happened and how to fix it
     * @param errorCode AWS's error code, or null when there was no answer
     * @param iamAction the IAM action of the call, or null
     * @param cause the SDK's exception, or null
     */
    public AwsLookupException(String operation, String message, String errorCode, String iamAction, Throwable cause) {
        super(operation, message, cause);
        this.errorCode = errorCode;
        this.iamAction = iamAction;
    }

    /** {@return AWS's error code, e.g. {@code UnauthorizedOperation}; empty when the call never got an answer} */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * {@return the IAM action of the failed call, e.g. {@code ec2:DescribeAvailabilityZones}; empty for non-calls}
     */
    public Optional<String> iamAction() {
        return Optional.ofNullable(iamAction);
    }
}
