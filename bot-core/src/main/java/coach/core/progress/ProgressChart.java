package coach.core.progress;

import coach.core.curriculum.Section;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.SpiderWebPlot;
import org.jfree.data.category.DefaultCategoryDataset;

/** Draws a user's coverage by section as a radar chart, headless, into PNG bytes. */
public final class ProgressChart {

  static final int WIDTH = 720;
  static final int HEIGHT = 560;

  private ProgressChart() {}

  /**
   * A radar of the share of each section's concepts the user has covered.
   *
   * @param covered covered concepts per section, in section order
   * @param totals concepts per section, in section order
   */
  public static byte[] radar(String title, List<Section> sections, int[] covered, int[] totals) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < sections.size(); i++) {
      double share = totals[i] == 0 ? 0 : 100.0 * covered[i] / totals[i];
      data.addValue(share, "covered %", sections.get(i).title());
    }
    SpiderWebPlot plot = new SpiderWebPlot(data);
    plot.setMaxValue(100);
    plot.setSeriesPaint(0, new Color(0x2E7D32));
    plot.setSeriesOutlineStroke(0, new BasicStroke(2.5f));
    plot.setWebFilled(true);
    plot.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
    try {
      return ChartUtils.encodeAsPNG(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
