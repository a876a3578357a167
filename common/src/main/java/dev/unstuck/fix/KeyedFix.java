package dev.unstuck.fix;

/** What every table-driven fix type has: its spec key, its family and the prefix of its ids. */
abstract class KeyedFix implements FixType {
  private final String key;
  private final String idPrefix;
  private final FixFamily family;

  KeyedFix(String key, String idPrefix, FixFamily family) {
    this.key = key;
    this.idPrefix = idPrefix;
    this.family = family;
  }

  @Override
  public final String key() {
    return key;
  }

  @Override
  public final FixFamily family() {
    return family;
  }

  /** {@code <prefix>-<name>}, e.g. {@code lr-x0.1}. */
  final String idOf(String name) {
    return idPrefix + "-" + name;
  }
}
