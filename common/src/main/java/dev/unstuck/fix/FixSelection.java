package dev.unstuck.fix;

import java.util.List;

/** The spec's {@code fixes:} - either {@code auto} or the explicit list the user wrote. */
public record FixSelection(boolean auto, List<Fix> explicit) {

  public static final FixSelection AUTO = new FixSelection(true, List.of());

  public FixSelection {
    explicit = List.copyOf(explicit);
  }

  public static FixSelection of(List<Fix> fixes) {
    return new FixSelection(false, fixes);
  }
}
