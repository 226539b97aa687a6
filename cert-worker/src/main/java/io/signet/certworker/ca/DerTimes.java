package io.signet.certworker.ca;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.Time;

/**
 * The times a certificate carries, built from their text directly. BouncyCastle's constructors from a Date or a
 * String format or validate through a new SimpleDateFormat each time, which was a third of issuing a one-time
 * certificate, and a sixth of an OCSP response. Stateless.
 */
public final class DerTimes {

    private DerTimes() {}

    /**
     * RFC 5280 4.1.2.5: UTCTime (YYMMDDHHMMSSZ) up to 2049, GeneralizedTime from 2050; whole seconds. The same rule
     * as RFC 5652 11.3 gives for the signing-time attribute.
     */
    public static Time validity(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        if (t.getYear() < 1950 || t.getYear() > 2049) {
            return new Time(Date.from(instant), Locale.ROOT);
        }
        // UTCTime is the GeneralizedTime text without the century.
        return new Time(ASN1UTCTime.getInstance(encoding(BERTags.UTC_TIME, text(t).substring(2))));
    }

    /** GeneralizedTime in whole seconds (YYYYMMDDHHMMSSZ), as RFC 5280 4.1.2.5.2 and RFC 6960 use it. */
    public static ASN1GeneralizedTime generalizedTime(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("year out of range: " + t.getYear());
        }
        return ASN1GeneralizedTime.getInstance(encoding(BERTags.GENERALIZED_TIME, text(t)));
    }

    /**
     * GeneralizedTime to the millisecond, as RFC 3161 2.4.2 wants genTime: the fraction without trailing zeros, and
     * none at all when it is zero (YYYYMMDDHHMMSS[.f[f[f]]]Z).
     */
    public static ASN1GeneralizedTime generalizedTimeMillis(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("year out of range: " + t.getYear());
        }
        String seconds = text(t);
        int millis = t.getNano() / 1_000_000;
        if (millis == 0) {
            return ASN1GeneralizedTime.getInstance(encoding(BERTags.GENERALIZED_TIME, seconds));
        }
        StringBuilder fraction = new StringBuilder(4).append('.');
        digits(fraction, millis, 3);
        while (fraction.charAt(fraction.length() - 1) == '0') {
            fraction.setLength(fraction.length() - 1);
        }
        String text = seconds.substring(0, seconds.length() - 1) + fraction + 'Z';
        return ASN1GeneralizedTime.getInstance(encoding(BERTags.GENERALIZED_TIME, text));
    }

    /** RFC 3739 3.2.2: a date of birth is the GeneralizedTime at 12:00 GMT, so that no time zone moves the date. */
    static ASN1GeneralizedTime noonOf(LocalDate date) {
        return generalizedTime(date.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    /** YYYYMMDDHHMMSSZ, for years 0 to 9999. */
    private static String text(OffsetDateTime t) {
        StringBuilder text = new StringBuilder(15);
        digits(text, t.getYear(), 4);
        digits(text, t.getMonthValue(), 2);
        digits(text, t.getDayOfMonth(), 2);
        digits(text, t.getHour(), 2);
        digits(text, t.getMinute(), 2);
        digits(text, t.getSecond(), 2);
        return text.append('Z').toString();
    }

    private static void digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.repeat('0', width - digits.length()).append(digits);
    }

    /** The DER of a short primitive: tag, one length octet, the ASCII text. */
    private static byte[] encoding(int tag, CharSequence text) {
        byte[] der = new byte[text.length() + 2];
        der[0] = (byte) tag;
        der[1] = (byte) text.length();
        for (int i = 0; i < text.length(); i++) {
            der[i + 2] = (byte) text.charAt(i);
        }
        return der;
    }
}
