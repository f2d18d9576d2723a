complete -c pyspark -l master -d 'The master: local, local[N] or local[*] (the embedded engine, N threads)' -r
complete -c pyspark -l remote -d 'A Spark Connect server to run on instead of the embedded engine: sc://host[:port][/;token=...;use_ssl=true;user_id=...;session_id=UUID;user_agent=...] (default port 15002; also SPARK_REMOTE, or --master sc://...)' -r
complete -c pyspark -l name -d 'The application name (spark.app.name)' -r
complete -c pyspark -s c -l conf -d 'A Spark configuration property, KEY=VALUE; may be repeated' -r
complete -c pyspark -l driver-memory -d 'Memory for the driver, e.g. 2g (spark.driver.memory): the embedded engine\'s operators spill to disk beyond (MEM - 300 MiB) * spark.memory.fraction' -r
complete -c pyspark -l py-files -d 'Comma-separated .py, .zip or .egg files put on sys.path in the driver and in every RDD worker (spark.submit.pyFiles)' -r
complete -c pyspark -l theme -d 'The shell\'s colour theme: dark, light or none (also EMBER_THEME, or `theme` in config.toml)' -r
complete -c pyspark -l table-style -d 'How show() draws on a terminal: unicode (a fitted table) or spark (Spark\'s text). Piped output is always Spark\'s text. Also EMBER_TABLE_STYLE, or `table_style` in config.toml; the session conf is spark.ember.repl.tableStyle' -r
complete -c pyspark -l version -d 'Prints the version and exits'
complete -c pyspark -s h -l help -d 'Print help (see more with \'--help\')'
