package dev.unstuck.report;

import dev.unstuck.db.EpochMetricRow;
import dev.unstuck.fix.Variant;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart and embedded as PNG {@code data:} URIs so the page needs
 * no server and no network. Each line is a variant's mean over its seeds; epochs where a value is
 * NaN or infinite are left out (and said so).
 */
public final class Charts {
  static final int WIDE = 900;
  static final int SMALL = 440;
  private static final Color[] PALETTE = {
    new Color(0x222222), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd),
    new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22),
        new Color(0xd62728)
  };

  /**
   * A rendered chart: its title, the PNG as a data: URI, and a note on left-out values (or empty).
   */
  public record Chart(String title, String dataUri, String note) {}

  private Charts() {}

  /** Validation balanced accuracy per epoch: one line per variant, the baseline first and black. */
  public static Chart balancedAccuracy(List<EpochMetricRow> epochs, List<String> variants) {
    XYChart chart =
        chart("Validation balanced accuracy per epoch", "epoch", "balanced accuracy", WIDE, 420);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    List<String> dropped = new ArrayList<>();
    // the baseline is drawn last so that no fix hides it; it keeps the first (black) colour
    List<String> order = new ArrayList<>(variants);
    if (order.remove(Variant.BASELINE_ID)) {
      order.add(Variant.BASELINE_ID);
    }
    for (String variant : order) {
      Color color = PALETTE[variants.indexOf(variant) % PALETTE.length];
      Series series = mean(epochs, variant, EpochMetricRow::valBalancedAccuracy);
      if (series.nonFinite > 0) {
        dropped.add(variant);
      }
      if (series.x.isEmpty()) {
        continue;
      }
      style(
          chart.addSeries(variant, series.x, series.y),
          color,
          SeriesMarkers.CIRCLE,
          new BasicStroke(variant.equals(Variant.BASELINE_ID) ? 3.0f : 2.0f));
    }
    return new Chart(
        chart.getTitle(),
        dataUri(chart),
        dropped.isEmpty()
            ? ""
            : "not a number in some epochs (left out): " + String.join(", ", dropped));
  }

  /**
   * Train (solid) and validation (dashed) loss per epoch of one variant; logarithmic when the range
   * is wide.
   */
  public static Chart loss(List<EpochMetricRow> epochs, String variant, int colourIndex) {
    Series train = mean(epochs, variant, EpochMetricRow::trainLoss);
    Series val = mean(epochs, variant, EpochMetricRow::valLoss);
    XYChart chart = chart("Loss: " + variant, "epoch", "loss", SMALL, 300);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    // the same epoch axis for every variant, so a run that stopped early looks it
    epochs.stream()
        .mapToInt(EpochMetricRow::epoch)
        .max()
        .ifPresent(
            last -> chart.getStyler().setXAxisMin(1.0).setXAxisMax((double) Math.max(2, last)));
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (Series series : List.of(train, val)) {
      for (double y : series.y) {
        min = Math.min(min, y);
        max = Math.max(max, y);
      }
    }
    if (min > 0 && max / min > 50) {
      chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(min / 1.25).setYAxisMax(max * 1.25);
    } else {
      chart.getStyler().setYAxisDecimalPattern(max >= 1e4 ? "0.#E0" : "0.###");
      if (min <= max) {
        // XChart's own axis ends at the extreme points, whose markers and line then cross the
        // plot's edge
        double pad = Math.max((max - min) * 0.1, Math.abs(max) * 1e-3);
        chart
            .getStyler()
            .setYAxisMin(min >= 0 ? Math.max(0, min - pad) : min - pad)
            .setYAxisMax(max + pad);
      }
    }
    Color color = PALETTE[colourIndex % PALETTE.length];
    if (!train.x.isEmpty()) {
      style(
          chart.addSeries("train", train.x, train.y),
          color,
          SeriesMarkers.CIRCLE,
          new BasicStroke(2.0f));
    }
    if (!val.x.isEmpty()) {
      style(
          chart.addSeries("validation", val.x, val.y),
          color,
          SeriesMarkers.DIAMOND,
          SeriesLines.DASH_DASH);
    }
    String note = "";
    if (train.firstNonFinite != null || val.firstNonFinite != null) {
      int first =
          Math.min(
              train.firstNonFinite == null ? Integer.MAX_VALUE : train.firstNonFinite,
              val.firstNonFinite == null ? Integer.MAX_VALUE : val.firstNonFinite);
      note = "loss NaN or infinite from epoch " + first + " in some seed (not drawn)";
    }
    if (train.x.isEmpty() && val.x.isEmpty()) {
      note = "no finite loss in any epoch";
      XYSeries empty = chart.addSeries("no finite loss", new double[] {0}, new double[] {1});
      empty.setMarker(SeriesMarkers.NONE);
      empty.setLineColor(Color.WHITE);
    }
    return new Chart(chart.getTitle(), dataUri(chart), note);
  }

  private static void style(XYSeries series, Color color, Marker marker, BasicStroke line) {
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(marker);
    series.setLineStyle(line);
  }

  private static XYChart chart(String title, String x, String y, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    chart
        .getStyler()
        .setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE)
        .setPlotBorderVisible(false)
        .setLegendPosition(Styler.LegendPosition.OutsideE)
        .setLegendBorderColor(Color.WHITE)
        .setChartTitleBoxVisible(false)
        .setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12))
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14))
        .setAntiAlias(true);
    chart
        .getStyler()
        .setPlotGridLinesColor(new Color(0xdddddd))
        .setXAxisDecimalPattern("0")
        .setMarkerSize(5);
    return chart;
  }

  private static final class Series {
    final List<Double> x = new ArrayList<>();
    final List<Double> y = new ArrayList<>();
    int nonFinite;
    Integer firstNonFinite;
  }

  /** Mean over seeds per epoch; epochs where any seed's value is not finite are left out. */
  private static Series mean(
      List<EpochMetricRow> epochs, String variant, Function<EpochMetricRow, Double> metric) {
    Map<Integer, List<Double>> byEpoch = new TreeMap<>();
    for (EpochMetricRow row : epochs) {
      if (variant.equals(row.variantId())) {
        byEpoch.computeIfAbsent(row.epoch(), e -> new ArrayList<>()).add(metric.apply(row));
      }
    }
    Series series = new Series();
    byEpoch.forEach(
        (epoch, values) -> {
          boolean finite = values.stream().allMatch(v -> v != null && Double.isFinite(v));
          if (finite) {
            series.x.add(epoch.doubleValue());
            series.y.add(
                values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
          } else if (values.stream().anyMatch(v -> v != null)) {
            series.nonFinite++;
            if (series.firstNonFinite == null) {
              series.firstNonFinite = epoch;
            }
          }
        });
    return series;
  }

  /** The variants in the order to draw them: the baseline, then the others as they first appear. */
  public static List<String> variants(List<EpochMetricRow> epochs) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    seen.put(Variant.BASELINE_ID, Boolean.TRUE);
    epochs.stream()
        .map(EpochMetricRow::variantId)
        .sorted()
        .forEach(v -> seen.putIfAbsent(v, Boolean.TRUE));
    return seen.keySet().stream()
        .filter(v -> epochs.stream().anyMatch(e -> v.equals(e.variantId())))
        .toList();
  }

  static String dataUri(XYChart chart) {
    System.setProperty("java.awt.headless", "true");
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the chart " + chart.getTitle(), e);
    }
  }
}
