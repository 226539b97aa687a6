package io.signet.launcher;

/** Starts the embedded stack and every service in one JVM. */
public final class SignetLauncher {
    public static void main(String[] args) {}
}
