using Alert.RedTeaming;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Plugins;

/// <summary>Every registered adaptive attack method: a stable name, caps it keeps, and a line in <c>alert attack
/// --help</c>.</summary>
public class AdaptiveAttackContractTests
{
    public static TheoryData<string> Methods() => new(AdaptiveAttacks.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Methods))]
    public void ItsMostCallsStayWithinItsCaps(string name)
    {
        var method = AdaptiveAttacks.Resolve(name);
        Assert.Matches("^[a-z][a-z-]*$", method.Name);
        Assert.False(string.IsNullOrWhiteSpace(method.Description));
        Assert.True(method.DefaultMaxTargetQueries > 0);
        foreach (var cap in new[] { 1, 7, method.DefaultMaxTargetQueries })
        {
            var settings = new AttackSettings { MaxTargetQueries = cap };
            var calls = method.MostCalls(settings);
            Assert.InRange(calls.Target, 1, cap);
            Assert.InRange(calls.Attacker, 0, settings.AttackerCap);
            Assert.True(calls.Scorer >= 0);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task WhatItDeclaresItNeedsIsAskedForAndItsDerivedCapIsPositive(string name)
    {
        var method = AdaptiveAttacks.Resolve(name);
        Assert.True(method.DerivedMaxTargetQueries(new AttackSettings()) > 0);
        using var dir = new TempDir();
        var bare = await CliHarness.RunAsync("attack", "--method", name, "--target", "openai:m", "--base-url",
            "http://127.0.0.1:9/v1", "--dry-run", "--out", dir.File("run"));
        if (method.Needs.Attacker == AttackModelNeed.Required)
        {
            Assert.Equal(2, bare.ExitCode);
            Assert.Contains($"--method {name} needs --attacker", bare.Error);
        }
        else if (method.Needs.Scorer == AttackModelNeed.Required)
        {
            Assert.Equal(2, bare.ExitCode);
            Assert.Contains($"--method {name} needs --scorer", bare.Error);
        }
        else
            Assert.True(bare.ExitCode == 0, bare.Error);
        var needsNone = method.Needs.Attacker != AttackModelNeed.Required
            && method.Needs.Scorer != AttackModelNeed.Required;
        Assert.Equal(needsNone, bare.ExitCode == 0);
    }

    [Fact]
    public async Task HelpListsEveryMethod()
    {
        var help = await CliHarness.RunAsync("attack", "--help");
        Assert.Contains("ATTACK METHODS", help.Out);
        Assert.All(AdaptiveAttacks.All, m => Assert.Contains(m.Name, help.Out));
        // The static attacks --converter takes.
        Assert.Contains("ATTACKS", help.Out);
        Assert.Contains("base64", help.Out);
    }
}
