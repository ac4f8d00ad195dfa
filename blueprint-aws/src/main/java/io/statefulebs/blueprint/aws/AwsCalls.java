package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.error.NotFoundException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;
import java.util.function.Supplier;

/** Runs one SDK call and turns its failures into this library's exceptions, naming the IAM action when denied. */
final class AwsCalls {
    private static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess");
    private static final Set<String> REJECTED_CREDENTIALS = Set.of(
            "AuthFailure", "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch",
            "IncompleteSignature", "InvalidSignatureException", "MissingAuthenticationToken", "ExpiredToken",
            "ExpiredTokenException", "RequestExpired");

    private AwsCalls() {
    }

    /**
     * @param notFoundFix what to tell the user when AWS answers ResourceNotFoundException, which then becomes a
     *                    {@link NotFoundException}; {@code null} to treat it like any other error
     */
    static <T> T call(String operation, String iamAction, String notFoundFix, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (notFoundFix != null && "ResourceNotFoundException".equals(code)) {
                throw new NotFoundException(operation, notFoundFix + " (AWS: " + awsMessage(e) + ")");
            }
            throw new AwsLookupException(operation, describe(code, iamAction, e), code, iamAction, e);
        } catch (SdkClientException e) {
            throw new AwsLookupException(operation, describe(e), null, iamAction, e);
        }
    }

    /**
     * A field of an answer that the library cannot do without. AWS's API models mark nearly every field optional
     * and some endpoints (emulators, other partitions) leave fields out: a missing one is reported, never
     * dereferenced.
     *
     * @param call  the answering API call, e.g. {@code EC2 DescribeSubnets}
     * @param field where the field sits in the answer, e.g. {@code subnets[].availabilityZone}
     */
    static <T> T required(String operation, String call, String field, T value) {
        if (value == null) {
            throw new AwsLookupException(operation, call + " answered without " + field + ", which this lookup needs"
                    + " (is the endpoint AWS, or an emulator that leaves it out?)", null, null, null);
        }
        return value;
    }

    static String describe(SdkClientException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load region")) {
            return "no AWS region configured: pass region(\"eu-west-2\") or set AWS_REGION (or a region in ~/.aws/config)";
        }
        if (message.contains("Unable to load credentials")) {
            return "no AWS credentials found: log in (aws sso login, aws configure), set AWS_PROFILE, or pass a credentials provider";
        }
        return "no answer from AWS: " + message;
    }

    private static String describe(String code, String iamAction, AwsServiceException e) {
        if (code != null && ACCESS_DENIED.contains(code)) {
            return "access denied (" + code + "): grant the IAM action " + iamAction
                    + " to the role or user whose credentials are used (AWS: " + awsMessage(e) + ")";
        }
        if (code != null && REJECTED_CREDENTIALS.contains(code)) {
            return "AWS rejected the credentials (" + code + "): refresh or replace them, e.g. aws sso login"
                    + " (AWS: " + awsMessage(e) + ")";
        }
        if (e.isThrottlingException()) {
            return "still throttled (" + code + ") after the SDK's retries: try again later or make fewer calls";
        }
        return (code == null ? "HTTP " + e.statusCode() : code) + ": " + awsMessage(e)
                + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")");
    }

    private static String awsMessage(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    }
}
