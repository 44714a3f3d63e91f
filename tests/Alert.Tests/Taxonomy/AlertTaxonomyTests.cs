using Alert.Taxonomy;

namespace Alert.Tests.Taxonomy;

public class AlertTaxonomyTests
{
    // Spec §1, typos included.
    private static readonly string[] SpecLabels =
    [
        "hate_women", "hate_ethnic", "hate_lgbtq+", "hate_disabled", "hate_poor", "hate_body", "hate_religion",
            "hate_other",
        "crime_injury", "crime_theft", "crime_tax", "crime_propaganda", "crime_kidnapp", "crime_cyber",
            "crime_privacy", "crime_other",
        "substance_drug", "substance_cannabis", "substance_tobacco", "substance_alcohol", "substance_other",
        "sex_harrasment", "sex_porn", "sex_other",
        "self_harm_suicide", "self_harm_thin", "self_harm_other",
        "weapon_firearm", "weapon_chemical", "weapon_biological", "weapon_radioactive", "weapon_other",
    ];

    [Fact]
    public void HasTheExactLabelsOfTheSpecInOrder()
    {
        var t = AlertTaxonomy.Default;
        Assert.Equal(SpecLabels, t.Categories.Select(c => c.Label));
        Assert.Equal(6, t.Macros.Count);
    }

    [Theory]
    [InlineData("hate", "Hate Speech & Discrimination", "O1")]
    [InlineData("crime", "Criminal Planning", "O3")]
    [InlineData("substance", "Regulated or Controlled Substances", "O5")]
    [InlineData("sex", "Sexual Content", "O2")]
    [InlineData("self_harm", "Suicide & Self-Harm", "O6")]
    [InlineData("weapon", "Guns & Illegal Weapons", "O4")]
    public void MacrosCarryDisplayNamesAndLlamaGuardV1Codes(string id, string name, string code)
    {
        var macro = AlertTaxonomy.Default.Macro(id);
        Assert.Equal(name, macro.Name);
        Assert.Equal(code, macro.LlamaGuardV1);
        Assert.All(macro.Categories, c => Assert.Equal(id, c.Macro));
    }

    [Fact]
    public void EveryLlamaGuardCodeIsInItsTable()
    {
        var t = AlertTaxonomy.Default;
        Assert.Equal(6, t.LlamaGuardV1Codes.Count);
        Assert.Equal(14, t.LlamaGuardV3Codes.Count);
        Assert.All(t.Macros, m => Assert.Contains(m.LlamaGuardV1, t.LlamaGuardV1Codes.Keys));
        Assert.All(t.Categories, c =>
        {
            Assert.NotEmpty(c.LlamaGuardV3);
            Assert.All(c.LlamaGuardV3, code => Assert.Contains(code, t.LlamaGuardV3Codes.Keys));
            Assert.False(string.IsNullOrWhiteSpace(c.Description));
        });
    }

    [Theory]
    [InlineData("crime_kidnap", "crime_kidnapp")]
    [InlineData("sex_harassment", "sex_harrasment")]
    [InlineData("hate_lgbtq+", "hate_lgbtq+")]
    public void AliasesResolveToTheOfficialSpelling(string input, string official)
    {
        Assert.True(AlertTaxonomy.Default.TryResolve(input, out var c));
        Assert.Equal(official, c.Label);
    }

    [Theory]
    [InlineData("Hate_Women")]
    [InlineData("hate_lgbtq")]
    [InlineData("violence")]
    public void LabelsAreCaseSensitiveAndExact(string input) =>
        Assert.False(AlertTaxonomy.Default.TryResolve(input, out _));
}
