package com.stockticker.security;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Prints the hash of a password, as {@code ticker.accounts[].password} wants it:
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=com.stockticker.security.HashPassword -Dexec.args=my-secret}.
 */
public final class HashPassword {

    private HashPassword() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HashPassword <password>");
            System.exit(2);
        }
        System.out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(args[0]));
    }
}
