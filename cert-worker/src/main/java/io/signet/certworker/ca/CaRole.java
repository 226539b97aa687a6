package io.signet.certworker.ca;

/** The keys of the CA, in the order the bootstrap creates them (each is signed by an earlier one). */
public enum CaRole {
    ROOT,
    ISSUING,
    TSA,
    OCSP
}
