package dev.unstuck.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ThrowablesTest {

  @Test
  void theRootCausesFirstLineIsWhatAUserIsShown() {
    Exception wrapped =
        new RuntimeException(
            "stage failed",
            new ExecutionException(
                new IOException("Connection refused\n\tat some.Frame(Frame.java:1)")));

    assertThat(Throwables.rootMessage(wrapped)).isEqualTo("Connection refused");
  }

  @Test
  void aRootCauseWithoutAMessageIsNamedByItsClass() {
    assertThat(Throwables.rootMessage(new RuntimeException("outer", new NullPointerException())))
        .isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void aCauseOfTheTypeIsFoundAtAnyDepth() {
    Exception failure =
        new IllegalStateException(
            "query", new UncheckedIOException(new IOException(new SQLException("no database"))));

    assertThat(Throwables.has(failure, SQLException.class)).isTrue();
    assertThat(Throwables.has(failure, ArithmeticException.class)).isFalse();
  }
}
