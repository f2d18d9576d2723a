try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

df = spark.createDataFrame([("key", "message"), ("k", ""), (None, "y")], "k string, m string")
for algorithm in ["SHA-256", "SHA-224", "SHA-384", "SHA-512", "SHA-1", "MD5"]:
    df.select(sf.hex(sf.hmac("k", "m", sf.lit(algorithm))).alias(algorithm)).show(truncate=False)
df.select(sf.hex(sf.hmac("k", "m"))).show(truncate=False)

keys = spark.createDataFrame([("Spark SQL", "0123456789abcdef", "0123456789abcdef01234567", "0123456789abcdef0123456789abcdef")], "t string, k16 string, k24 string, k32 string")
for key in ["k16", "k24", "k32"]:
    keys.select(
        sf.hex(sf.aes_encrypt("t", key, sf.lit("ECB"))).alias("ecb"),
        sf.hex(sf.aes_encrypt("t", key, sf.lit("CBC"), sf.lit("PKCS"), sf.unhex(sf.lit("00112233445566778899AABBCCDDEEFF")))).alias("cbc"),
        sf.hex(sf.aes_encrypt("t", key, sf.lit("GCM"), sf.lit("NONE"), sf.unhex(sf.lit("000102030405060708090A0B")), sf.lit("aad"))).alias("gcm"),
    ).show(truncate=False)
    keys.select(
        sf.aes_decrypt(sf.aes_encrypt("t", key), key).cast("string").alias("gcm"),
        sf.aes_decrypt(sf.aes_encrypt("t", key, sf.lit("CBC")), key, sf.lit("cbc")).cast("string").alias("cbc"),
        sf.try_aes_decrypt(sf.aes_encrypt("t", key, sf.lit("CBC")), key, sf.lit("GCM")).alias("wrong_mode"),
    ).show()
spark.sql("SELECT aes_decrypt(unhex('83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94'), '0000111122223333') AS plain").selectExpr("cast(plain AS string)").show()
spark.sql("SELECT try_aes_decrypt(X'00', '0000111122223333'), aes_encrypt(NULL, '0000111122223333')").show()


def attempt(label, thunk, whole=True):
    try:
        thunk()
    except Exception as e:
        # PySpark shows some failures as the JVM's exception (a Py4JJavaError): there,
        # only the raising is compared.
        print(label, type(e).__name__, str(e).splitlines()[0][:300]) if whole else print(label, "raised")


attempt("key", lambda: keys.select(sf.aes_encrypt("t", sf.lit("short"))).collect())
attempt("mode", lambda: keys.select(sf.aes_encrypt("t", "k16", sf.lit("ECB"), sf.lit("NONE"))).collect())
attempt("decrypt", lambda: spark.sql("SELECT aes_decrypt(X'0011223344556677889900112233445566778899001122334455', '0000111122223333')").collect(), whole=False)
attempt("empty key", lambda: spark.sql("SELECT hmac('', 'x')").collect())
attempt("algorithm", lambda: df.select(sf.hmac("k", "m", sf.lit("SHA-3"))).collect())
