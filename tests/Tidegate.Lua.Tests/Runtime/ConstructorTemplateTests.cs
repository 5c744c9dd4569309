namespace Tidegate.Lua.Tests.Runtime;

/// <summary>
/// <see cref="LuaTable.FromConstructorTemplate"/>: a record constructor's table copied from its template and given its
/// values must be the table the field-by-field constructor (<see cref="LuaTable.SetConstructorField"/>) makes: the same
/// traversal order, sizes and nil fields, and the same behaviour under later stores (dead-node reuse, rehash), which
/// depend on the bucket chains. Compared in one process, since chains depend on the per-process string hash seed.
/// </summary>
public class ConstructorTemplateTests
{
    private static LuaString Key(string s) => StringInterner.Intern(System.Text.Encoding.Latin1.GetBytes(s));

    private static string Shape(LuaTable t)
    {
        var keys = new List<string>();
        var key = LuaValue.Nil;
        while (t.Next(ref key, out var value)) keys.Add(key + "=" + value);
        return $"array {t.ArrayCount} hash {t.HashCapacity} len {t.Length()} keys {string.Join(",", keys)}";
    }

    private static (LuaTable FieldByField, LuaTable FromTemplate) Build(string[] names, LuaValue[] values)
    {
        var byField = new LuaTable(0, names.Length);
        for (int i = 0; i < names.Length; i++) byField.SetConstructorField(Key(names[i]), values[i]);

        var template = new LuaTable(0, names.Length);
        var nodes = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            template.SetConstructorField(Key(names[i]), LuaValue.True);
            nodes[i] = template.ConstructorFieldNode(Key(names[i]));
        }
        var copy = LuaTable.FromConstructorTemplate(template);
        for (int i = 0; i < names.Length; i++) copy.SetTemplateFieldValue(nodes[i], values[i]);
        return (byField, copy);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 5)]
    [InlineData(17, 3)]
    [InlineData(40, 7)]
    public void A_copied_record_is_the_field_by_field_one_and_stays_so(int fields, int nilEvery)
    {
        var random = new Random(fields * 31 + nilEvery);
        for (int round = 0; round < 50; round++)
        {
            var names = Enumerable.Range(0, fields).Select(i => "f" + random.Next(1_000_000) + "_" + i).ToArray();
            var values = Enumerable.Range(0, fields)
                .Select(i => nilEvery > 0 && i % nilEvery == 0 ? LuaValue.Nil : LuaValue.FromNumber(i)).ToArray();
            var (a, b) = Build(names, values);
            Assert.Equal(Shape(a), Shape(b));
            // The same stores afterwards: new keys (reusing dead nodes of their chains, or rehashing), removals.
            for (int step = 0; step < 30; step++)
            {
                var key = random.Next(3) == 0 ? Key(names[random.Next(fields)]) : Key("n" + random.Next(40));
                var value = random.Next(4) == 0 ? LuaValue.Nil : LuaValue.FromNumber(step);
                a.Set(key, value);
                b.Set(key, value);
                Assert.Equal(Shape(a), Shape(b));
            }
        }
    }

    [Fact]
    public void Copies_share_nothing_with_the_template_or_each_other()
    {
        var template = new LuaTable(0, 2);
        template.SetConstructorField(Key("x"), LuaValue.True);
        template.SetConstructorField(Key("y"), LuaValue.True);
        var first = LuaTable.FromConstructorTemplate(template);
        first.SetTemplateFieldValue(template.ConstructorFieldNode(Key("x")), LuaValue.FromNumber(1));
        first.SetTemplateFieldValue(template.ConstructorFieldNode(Key("y")), LuaValue.FromNumber(2));
        for (int i = 0; i < 20; i++) first.Set(Key("k" + i), LuaValue.FromNumber(i));
        first.Set(Key("x"), LuaValue.Nil);
        var second = LuaTable.FromConstructorTemplate(template);
        Assert.Equal("array 0 hash 2 len 0 keys x=true,y=true", Shape(template));
        Assert.Equal("array 0 hash 2 len 0 keys x=true,y=true", Shape(second));
        Assert.Equal(LuaValue.FromNumber(2), first.Get(Key("y")));
    }
}
