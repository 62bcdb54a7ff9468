package org.sovaudit.cli;

/** Entry point of the {@code sovaudit} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("sovaudit: commands are not wired yet");
    }
}
