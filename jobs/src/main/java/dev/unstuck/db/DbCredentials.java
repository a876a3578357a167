package dev.unstuck.db;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The database login, from the environment ({@value #USER_ENV}, {@value #PASSWORD_ENV}) or a file -
 * never from the command line, never in a log: {@link #toString()} shows the user only.
 */
public record DbCredentials(String user, String password) {
  public static final String USER_ENV = "UNSTUCK_DB_USER";
  public static final String PASSWORD_ENV = "UNSTUCK_DB_PASSWORD";

  /** No login: the JDBC URL or the server's trust rules decide. */
  public static final DbCredentials NONE = new DbCredentials(null, null);

  /** From {@value #USER_ENV} / {@value #PASSWORD_ENV} when the user is set. */
  public static Optional<DbCredentials> fromEnvironment(Map<String, String> env) {
    String user = env.get(USER_ENV);
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new DbCredentials(user.trim(), env.get(PASSWORD_ENV)));
  }

  /**
   * The login both jobs and the launcher use: from {@code file} when one is given, else from the
   * environment, else none.
   */
  public static DbCredentials fromFileOrEnvironment(Path file) throws IOException {
    return file != null ? fromFile(file) : fromEnvironment(System.getenv()).orElse(NONE);
  }

  /**
   * From a file holding either {@code user=...} and {@code password=...} lines (properties) or just
   * two lines: the user, then the password.
   */
  public static DbCredentials fromFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Properties props = new Properties();
    props.load(new StringReader(text));
    if (props.containsKey("user")) {
      return new DbCredentials(props.getProperty("user").trim(), props.getProperty("password"));
    }
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty() || lines.size() > 2) {
      throw new IOException(
          file + ": expected 'user=' and 'password=' lines, or two lines (user, password)");
    }
    return new DbCredentials(lines.get(0).trim(), lines.size() == 2 ? lines.get(1) : null);
  }

  /** As JDBC connection properties. */
  public Properties jdbcProperties() {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return props;
  }

  @Override
  public String toString() {
    return "DbCredentials[user="
        + user
        + ", password="
        + (password == null ? "none" : "******")
        + "]";
  }
}
