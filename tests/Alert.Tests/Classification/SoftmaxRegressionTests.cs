using Alert.Classification;

namespace Alert.Tests.Classification;

public class SoftmaxRegressionTests
{
    // Three classes around three centres in five dimensions, from a fixed seed.
    private static (List<float[]> X, List<int> Y) Rows()
    {
        var random = new Random(5);
        var x = new List<float[]>();
        var y = new List<int>();
        for (var i = 0; i < 90; i++)
        {
            var c = i % 3;
            x.Add(Enumerable.Range(0, 5).Select(j => (j == c ? 2f : 0f) + (float)random.NextDouble() - 0.5f)
                .ToArray());
            y.Add(c);
        }
        return (x, y);
    }

    [Fact]
    public void LearnsSeparableClassesAndTrainsTheSameTwice()
    {
        var (x, y) = Rows();
        var weights = x.Select(_ => 1.0).ToList();
        var a = SoftmaxRegression.Train(x, y, weights, 3, 1e-3, epochs: 60);
        var b = SoftmaxRegression.Train(x, y, weights, 3, 1e-3, epochs: 60);
        Assert.Equal(a.Weights.SelectMany(w => w), b.Weights.SelectMany(w => w));
        Assert.Equal(a.Bias, b.Bias);
        var right = x.Select((row, i) => (row, i)).Count(t =>
        {
            var p = a.Probabilities(t.row);
            return Array.IndexOf(p, p.Max()) == y[t.i];
        });
        Assert.Equal(90, right);
        Assert.Equal(1.0, a.Probabilities(x[0]).Sum(), 6);
    }

    [Fact]
    public void RowWeightsPullTowardsTheHeavierRows()
    {
        // The same point labelled 0 and 1: the heavier label wins.
        List<float[]> x = [[1f, 0f], [1f, 0f], [0f, 1f], [0f, 1f]];
        List<int> y = [0, 1, 1, 0];
        var model = SoftmaxRegression.Train(x, y, [3.0, 1.0, 3.0, 1.0], 2, 1e-3, epochs: 80);
        Assert.True(model.Probabilities([1f, 0f])[0] > 0.6);
        Assert.True(model.Probabilities([0f, 1f])[1] > 0.6);
    }

    [Fact]
    public void AModelFileRoundTripsAndABrokenOneNamesItself()
    {
        var (x, y) = Rows();
        var head = SoftmaxRegression.Train(x, y, x.Select(_ => 1.0).ToList(), 3, 1e-3, epochs: 20);
        var model = new ClassifierModel { Name = "test", Classes = ["a", "b", "none"], Head = head };
        var text = model.ToJson().ToJsonString();
        var back = ClassifierModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "m.json");
        Assert.Equal(model.Classes, back.Classes);
        var p = back.Head.Probabilities(x[4]);
        Assert.Equal(head.Probabilities(x[4])[1], p[1], 4);

        var broken = text.Replace("\"feature_set\":\"", "\"feature_set\":\"other-", StringComparison.Ordinal);
        var e = Assert.Throws<AlertException>(() =>
            ClassifierModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(broken)), "m.json"));
        Assert.StartsWith("m.json: field 'feature_set'", e.Message);
    }
}
