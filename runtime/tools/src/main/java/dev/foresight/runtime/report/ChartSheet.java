package dev.foresight.runtime.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The frame every Foresight picture shares: XChart panels, styled alike, in a grid under a title,
 * painted on Java2D and written as PNG or SVG. Simulated runs ({@link TrajectoryPlot}), model
 * evaluation reports and recording plots draw on it.
 *
 * <pre>{@code
 * ChartSheet sheet = new ChartSheet("pendulum, seed 3", 2, 560, 230);
 * XYChart theta = sheet.panel("theta [rad]", "time [s]", false);
 * ChartSheet.line(theta, "run 1", times, values, ChartSheet.COLOURS[0]);
 * sheet.write(Path.of("run.png"));
 * }</pre>
 */
public final class ChartSheet {

  /** Series colours, in order (matplotlib's, which readers know). */
  public static final List<Color> COLOURS = List.of(
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf));

  /** A dashed line: the second of a pair (planned vs applied, random vs recorded actions). */
  public static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
      new float[] {6f, 4f}, 0f);

  private static final int HEADER = 44;
  private static final Color INK = new Color(0x222222);

  /** Paints extra things into the header strip (e.g. a legend shared by every panel). */
  @FunctionalInterface
  public interface Header {
    /** Paints into the header strip of the sheet, {@code width} wide. */
    void paint(Graphics2D g, int width);
  }

  private final String title;
  private final int columns;
  private final int panelWidth;
  private final int panelHeight;
  private final List<XYChart> panels = new ArrayList<>();
  private Header header = (g, width) -> { };

  /**
   * @param title       drawn across the top
   * @param columns     panels per row (fewer when there are fewer panels)
   * @param panelWidth  pixels
   * @param panelHeight pixels
   */
  public ChartSheet(String title, int columns, int panelWidth, int panelHeight) {
    this.title = title;
    this.columns = columns;
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  /** Adds a panel, styled like every other, and returns it to draw on. */
  public XYChart panel(String chartTitle, String xTitle, boolean legend) {
    XYChart chart = new XYChartBuilder().width(panelWidth).height(panelHeight).title(chartTitle).xAxisTitle(xTitle)
        .build();
    XYStyler s = chart.getStyler();
    s.setLegendVisible(legend);
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setPlotGridLinesColor(new Color(0xdddddd));
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
    s.setToolTipsEnabled(false);
    panels.add(chart);
    return chart;
  }

  /** Sets what is painted into the header besides the title. */
  public ChartSheet header(Header painter) {
    this.header = painter;
    return this;
  }

  /** Panels added so far. */
  public int panels() {
    return panels.size();
  }

  /** A solid line without markers; a name already in the chart gets a " (2)" suffix. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour) {
    String unique = name;
    for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) unique = name + " (" + i + ")";
    XYSeries s = chart.addSeries(unique, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineWidth(1.6f);
    return s;
  }

  /** The sheet's width in pixels. */
  public int width() {
    return panelWidth * effectiveColumns();
  }

  /** The sheet's height in pixels. */
  public int height() {
    int c = effectiveColumns();
    return HEADER + panelHeight * ((panels.size() + c - 1) / c);
  }

  /**
   * Writes the sheet to {@code file}, as PNG or SVG by its extension.
   *
   * @throws IllegalArgumentException for another extension, or a sheet without panels
   */
  public void write(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".svg")) {
      Files.writeString(file, svg(), StandardCharsets.UTF_8);
    } else if (name.endsWith(".png")) {
      BufferedImage image = png();
      try (OutputStream out = Files.newOutputStream(file)) {
        ImageIO.write(image, "png", out);
      }
    } else {
      throw new IllegalArgumentException(file + ": a plot is written as .png or .svg");
    }
  }

  /** The sheet as an image. */
  public BufferedImage png() {
    requirePanels();
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The sheet as an SVG document. */
  public String svg() throws IOException {
    requirePanels();
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private void paint(Graphics2D g) {
    int width = width();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height());
    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 16, 28);
    header.paint(g, width);
    AffineTransform base = g.getTransform();
    int c = effectiveColumns();
    for (int i = 0; i < panels.size(); i++) {
      g.setTransform(base);
      g.translate((i % c) * panelWidth, HEADER + (i / c) * panelHeight);
      panels.get(i).paint(g, panelWidth, panelHeight);
    }
    g.setTransform(base);
  }

  private int effectiveColumns() {
    return Math.max(1, Math.min(columns, panels.size()));
  }

  private void requirePanels() {
    if (panels.isEmpty()) throw new IllegalArgumentException("nothing to plot: no panels");
  }
}
