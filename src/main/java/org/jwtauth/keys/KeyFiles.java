package org.jwtauth.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Signing keys read from files named in {@code auth.keys.files} (a mounted Kubernetes Secret): one key
 * per file, as PEM (PKCS#8 private key, public key or certificate) or as a JWK. The first file signs and
 * must hold a private key; the others are only published, so tokens of previous keys stay valid.
 */
final class KeyFiles {

    static final String SETTING = "auth.keys.files";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private KeyFiles() {
    }

    static List<SigningKey> load(List<String> files, String algorithm) {
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path path = Path.of(files.get(i).strip());
            KeyMaterial material = read(path);
            String problem = KeyAlgorithms.incompatibility(algorithm, material.publicKey());
            if (problem != null) {
                throw failure(path, problem + "; set auth.keys.algorithm to match the key or use another key");
            }
            if (i == 0 && material.privateKey() == null) {
                throw failure(path, "the first file signs tokens and must hold a private key");
            }
            PublicJsonWebKey jwk = KeyAlgorithms.publicJwk(material.publicKey(), material.kid(), algorithm, "sig");
            Instant modified = modified(path);
            // the first file signs; the others are previous keys, published but never signing
            keys.add(i == 0
                    ? new SigningKey(jwk.getKeyId(), algorithm, jwk, material.privateKey(), modified, modified, null, null)
                    : new SigningKey(jwk.getKeyId(), algorithm, jwk, null, modified, modified, modified, null));
        }
        if (keys.stream().map(SigningKey::kid).distinct().count() != keys.size()) {
            throw new IllegalStateException(SETTING + ": two files hold keys with the same kid");
        }
        return keys;
    }

    /** A key read from one file; {@code privateKey} and {@code kid} may be null. */
    record KeyMaterial(PublicKey publicKey, PrivateKey privateKey, String kid) {
    }

    static KeyMaterial read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw failure(path, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return text.startsWith("{") ? fromJwk(text, path) : fromPem(text, path);
        } catch (GeneralSecurityException | JoseException | IOException | IllegalArgumentException e) {
            throw failure(path, "does not hold a readable key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyMaterial fromJwk(String json, Path path) throws JoseException {
        if (json.contains("\"keys\"")) {
            throw failure(path, "holds a JWK set; put one JWK per file");
        }
        JsonWebKey jwk = JsonWebKey.Factory.newJwk(json);
        if (!(jwk instanceof PublicJsonWebKey asymmetric)) {
            throw failure(path, "holds a " + jwk.getKeyType() + " JWK; HS256 takes its secret from auth.keys.hmac-secret");
        }
        return new KeyMaterial(asymmetric.getPublicKey(), asymmetric.getPrivateKey(), jwk.getKeyId());
    }

    private static KeyMaterial fromPem(String text, Path path) throws GeneralSecurityException, IOException {
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw failure(path, "is neither PEM nor a JWK");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        return switch (pem.group(1)) {
            case "PRIVATE KEY" -> fromPkcs8(der);
            case "PUBLIC KEY" -> new KeyMaterial(publicKey(der), null, null);
            case "CERTIFICATE" -> new KeyMaterial(CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)).getPublicKey(), null, null);
            default -> throw failure(path, "holds a '" + pem.group(1) + "' block; convert it to unencrypted PKCS#8 "
                    + "('BEGIN PRIVATE KEY') with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
        };
    }

    /** A PKCS#8 private key; its public half is derived, so one file is enough. */
    private static KeyMaterial fromPkcs8(byte[] der) throws GeneralSecurityException, IOException {
        AsymmetricKeyParameter privateParameters = PrivateKeyFactory.createKey(der);
        PublicKey publicKey = publicKey(SubjectPublicKeyInfoFactory
                .createSubjectPublicKeyInfo(publicHalf(privateParameters)).getEncoded());
        PrivateKey privateKey = KeyFactory.getInstance(publicKey.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new KeyMaterial(publicKey, privateKey, null);
    }

    private static AsymmetricKeyParameter publicHalf(AsymmetricKeyParameter key) {
        if (key instanceof RSAPrivateCrtKeyParameters rsa) {
            return new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        }
        if (key instanceof ECPrivateKeyParameters ec) {
            return new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
        }
        if (key instanceof Ed25519PrivateKeyParameters ed) {
            return ed.generatePublicKey();
        }
        throw new IllegalArgumentException("unsupported key type");
    }

    private static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String type : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH; // unknown age: treated as active since ever
        }
    }

    private static IllegalStateException failure(Path path, String problem) {
        return new IllegalStateException(SETTING + ": " + path + " " + problem);
    }
}
