namespace ChatServer.Redis;

/// <summary>A sorted-set score bound for ZRANGEBYSCORE/ZREMRANGEBYSCORE: inclusive by default, <c>(</c>-exclusive on request.</summary>
public readonly record struct ScoreBound(double Value, bool Exclusive = false)
{
    public static ScoreBound NegativeInfinity => new(double.NegativeInfinity);

    public static ScoreBound PositiveInfinity => new(double.PositiveInfinity);

    public static implicit operator ScoreBound(double value) => new(value);

    public static ScoreBound Inclusive(double value) => new(value);

    public static ScoreBound ExclusiveOf(double value) => new(value, true);

    public override string ToString() =>
        (Exclusive ? "(" : string.Empty) + RespFormat.FormatDouble(Value);
}
