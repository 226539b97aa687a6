package io.signet.gateway.sign;

import io.signet.gateway.error.ApiException;
import io.signet.schemas.Base64Bytes;
import java.util.Base64;

/**
 * Decodes standard base64 (RFC 4648 section 4) with padding and nothing else, and says precisely why a value is
 * refused: RPs commonly send hex, the URL-safe alphabet or MIME line breaks, and a message naming the mistake saves
 * them a support call. Stateless and thread-safe.
 */
final class StrictBase64 {

    private StrictBase64() {}

    /**
     * @param expectedLength the digest length the value should decode to; a string of hex digits that is also valid
     *     base64 of exactly this length (e.g. an all-zero digest) is taken as base64
     * @throws ApiException 400 naming the problem when {@code value} is not canonical standard base64
     */
    static byte[] decode(String field, String value, int expectedLength) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                throw ApiException.badRequest(field + " is not standard base64: it contains whitespace or line breaks");
            }
        }
        if (looksHex(value) && !(value.length() % 4 == 0 && value.length() / 4 * 3 == expectedLength)) {
            throw ApiException.badRequest(
                    field + " is not standard base64: it looks hex-encoded; send the raw digest bytes in base64");
        }
        if (value.indexOf('-') >= 0 || value.indexOf('_') >= 0) {
            throw ApiException.badRequest(
                    field + " is not standard base64: it uses the URL-safe alphabet ('-' or '_'), use '+' and '/'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Base64Bytes.sextet(value.charAt(i)) < 0 && value.charAt(i) != '=') {
                throw ApiException.badRequest(
                        field + " is not standard base64: it contains characters outside the base64 alphabet");
            }
        }
        checkPadding(field, value);
        return Base64.getDecoder().decode(value);
    }

    private static void checkPadding(String field, String value) {
        int firstPad = value.indexOf('=');
        int pads = firstPad < 0 ? 0 : value.length() - firstPad;
        boolean padsOnlyAtEnd =
                firstPad < 0 || value.substring(firstPad).chars().allMatch(c -> c == '=');
        if (value.length() % 4 != 0 || !padsOnlyAtEnd || pads > 2) {
            throw ApiException.badRequest(field
                    + " is not standard base64: bad padding (the length must be a multiple of 4, with '=' only at"
                    + " the end)");
        }
        // The bits below the last full byte must be zero, otherwise two strings decode to the same bytes.
        if (pads > 0) {
            int last = Base64Bytes.sextet(value.charAt(firstPad - 1));
            int unusedBitsMask = pads == 1 ? 0b11 : 0b1111;
            if ((last & unusedBitsMask) != 0) {
                throw ApiException.badRequest(
                        field + " is not standard base64: bad padding (non-zero bits before the '=' padding)");
            }
        }
    }

    /** Hex digests are even-length runs of hex digits; genuine base64 of a digest essentially never is. */
    static boolean looksHex(String value) {
        if (value.isEmpty() || value.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
