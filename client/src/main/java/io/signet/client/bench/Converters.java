package io.signet.client.bench;

import io.signet.client.sign.ConformanceLevel;
import io.signet.client.sign.HashType;
import io.signet.client.sign.SignatureFormat;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the request's format, level and hash type (their own parsers give the message). */
final class Converters {

    private Converters() {}

    private static <T> T convert(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class Format implements ITypeConverter<SignatureFormat> {
        @Override
        public SignatureFormat convert(String value) {
            return Converters.convert(value, SignatureFormat::fromApiName);
        }
    }

    static final class Level implements ITypeConverter<ConformanceLevel> {
        @Override
        public ConformanceLevel convert(String value) {
            return Converters.convert(value, ConformanceLevel::parse);
        }
    }

    static final class Hash implements ITypeConverter<HashType> {
        @Override
        public HashType convert(String value) {
            return Converters.convert(value, HashType::fromApiName);
        }
    }
}
