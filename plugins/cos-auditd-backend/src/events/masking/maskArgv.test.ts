import { isSecretName, maskArgv } from './maskArgv';

const words = (line: string) => line.split(' ');

describe('maskArgv', () => {
  it.each<[string, string[], string[]]>([
    // Options named like a secret, value attached or next.
    [
      '--password=',
      words('mysql --password=hunter2 db'),
      words('mysql --password=*** db'),
    ],
    [
      '--password VALUE',
      words('psql --password hunter2 -h db'),
      words('psql --password *** -h db'),
    ],
    [
      '--token',
      words('kubectl --token=eyJhbGciOi get pods'),
      words('kubectl --token=*** get pods'),
    ],
    [
      '--token VALUE',
      words('vault login --token s.abc123'),
      words('vault login --token ***'),
    ],
    [
      '--secret',
      words('app --client-secret=abc'),
      words('app --client-secret=***'),
    ],
    [
      '--api-key',
      words('tool --api-key K123 run'),
      words('tool --api-key *** run'),
    ],
    ['--apikey', words('tool --apikey=K123'), words('tool --apikey=***')],
    ['--db-pass', words('tool --db-pass=x1'), words('tool --db-pass=***')],
    [
      '-password (Go flags)',
      words('app -password s3'),
      words('app -password ***'),
    ],
    [
      'openssl -pass',
      words('openssl enc -pass pass:hunter2'),
      words('openssl enc -pass ***'),
    ],
    [
      'helm --set a.password=',
      words('helm install x --set auth.password=p1'),
      words('helm install x --set auth.password=***'),
    ],
    // KEY=value.
    [
      'env VAR',
      words('env GITHUB_TOKEN=ghp_abc make'),
      words('env GITHUB_TOKEN=*** make'),
    ],
    [
      'MYSQL_PWD',
      words('env MYSQL_PWD=p mysql'),
      words('env MYSQL_PWD=*** mysql'),
    ],
    [
      'AWS secret',
      words('env AWS_SECRET_ACCESS_KEY=abc/def'),
      words('env AWS_SECRET_ACCESS_KEY=***'),
    ],
    [
      'API_KEY',
      words('docker run -e API_KEY=k img'),
      words('docker run -e API_KEY=*** img'),
    ],
    [
      'secret value with commas',
      ['env', 'DB_PASSWORD=a,b=c'],
      ['env', 'DB_PASSWORD=***'],
    ],
    [
      'mount options',
      words('mount -o username=bob,password=p1,vers=3 //s/x /mnt'),
      words('mount -o username=bob,password=***,vers=3 //s/x /mnt'),
    ],
    [
      'URL query',
      ['curl', 'https://api.example.com/v1?access_token=abc&x=1'],
      ['curl', 'https://api.example.com/v1?access_token=***&x=1'],
    ],
    [
      'kubectl --from-literal',
      words('kubectl create secret generic db --from-literal=password=s3cr3t'),
      words('kubectl create secret generic db --from-literal=password=***'),
    ],
    // Headers.
    [
      'Bearer header',
      ['curl', '-H', 'Authorization: Bearer eyJhbGciOi', 'https://x'],
      ['curl', '-H', 'Authorization: Bearer ***', 'https://x'],
    ],
    [
      'Basic header',
      ['curl', '--header', 'authorization: Basic dXNlcjpwYXNz'],
      ['curl', '--header', 'authorization: Basic ***'],
    ],
    [
      'header without space',
      ['curl', '-H', 'Authorization:Bearer abc'],
      ['curl', '-H', 'Authorization:Bearer ***'],
    ],
    [
      'API key header',
      ['curl', '-H', 'X-Api-Key: k123'],
      ['curl', '-H', 'X-Api-Key: ***'],
    ],
    [
      'GitLab token header',
      ['curl', '-H', 'PRIVATE-TOKEN: glpat-x'],
      ['curl', '-H', 'PRIVATE-TOKEN: ***'],
    ],
    [
      'Cookie header',
      ['curl', '-H', 'Cookie: session=abc'],
      ['curl', '-H', 'Cookie: ***'],
    ],
    // URLs and curl users.
    [
      'URL password',
      words('git clone https://bob:hunter2@github.com/x/y.git'),
      words('git clone https://bob:***@github.com/x/y.git'),
    ],
    [
      'URL password, no user',
      words('redis-cli -u redis://:pw@cache:6379'),
      words('redis-cli -u redis://:***@cache:6379'),
    ],
    [
      'URL in a variable',
      ['env', 'DATABASE_URL=postgres://app:pw@db:5432/app'],
      ['env', 'DATABASE_URL=postgres://app:***@db:5432/app'],
    ],
    [
      'curl -u',
      words('curl -u bob:hunter2 https://x'),
      words('curl -u bob:*** https://x'),
    ],
    [
      'curl --user',
      words('curl --user bob:hunter2 https://x'),
      words('curl --user bob:*** https://x'),
    ],
    [
      'curl -uUSER:PASS',
      words('curl -ubob:hunter2 https://x'),
      words('curl -ubob:*** https://x'),
    ],
    // Tools whose short flag is a password.
    [
      'mysql -pSECRET',
      words('mysql -uroot -phunter2 db'),
      words('mysql -uroot -p*** db'),
    ],
    [
      'mysqldump -pSECRET',
      words('/usr/bin/mysqldump -psecret db'),
      words('/usr/bin/mysqldump -p*** db'),
    ],
    [
      'sshpass -p',
      words('sshpass -p hunter2 ssh host'),
      words('sshpass -p *** ssh host'),
    ],
    [
      'redis-cli -a',
      words('redis-cli -a hunter2 ping'),
      words('redis-cli -a *** ping'),
    ],
    [
      'docker login -p',
      words('docker login -u bob -p hunter2 registry.io'),
      words('docker login -u bob -p *** registry.io'),
    ],
  ])('masks %s', (_, argv, masked) => {
    expect(maskArgv(argv)).toEqual(masked);
  });

  it.each<[string, string[]]>([
    ['ordinary commands', words('ls -la /root')],
    [
      'mysql -p alone (it prompts; next is the database)',
      words('mysql -u root -p mydb'),
    ],
    ['-p of other tools', words('ssh -p 22 host')],
    ['docker run -p', words('docker run -p 8080:80 nginx')],
    [
      '--password-stdin (no value)',
      words('docker login --password-stdin -u bob registry.io'),
    ],
    [
      'a file holding the secret',
      words('kubectl --token-file=/var/run/token get pods'),
    ],
    ['a secret name', words('app --secret-name=db-creds')],
    ['--no-password', words('psql --no-password -h db')],
    [
      'a secret option followed by another option',
      words('app --password --verbose'),
    ],
    ['an empty value', words('app --password=')],
    [
      '--pass-through',
      words('ld -plugin-opt=-pass-through=-lgcc --pass-through x'),
    ],
    ['PWD', words('env PWD=/home/bob OLDPWD=/ ls')],
    ['words that only look like it', words('grep token notes.txt')],
    ['kubectl get secret', words('kubectl get secret mysecret -o yaml')],
    ['a URL without password', words('git clone https://github.com/x/y.git')],
    [
      'a URL with a user only',
      words('git clone https://bob@github.com/x/y.git'),
    ],
    ['ssh user@host', words('ssh bob@host')],
    ['a port', words('nc -zv 10.0.0.1:443')],
    [
      'the metadata header',
      [
        'curl',
        '-H',
        'Metadata-Flavor: Google',
        'http://metadata.google.internal/x/token',
      ],
    ],
    ['image:tag', words('crictl pull gcr.io/x/token-server:v1')],
    ['argv[0] itself', ['--password=x']],
  ])('leaves %s alone', (_, argv) => {
    expect(maskArgv(argv)).toEqual(argv);
  });

  it('returns a new array and never changes the one given', () => {
    const argv = words('app --password=x');
    const masked = maskArgv(argv);

    expect(masked).not.toBe(argv);
    expect(argv).toEqual(words('app --password=x'));
  });

  it('handles an empty command line', () => {
    expect(maskArgv([])).toEqual([]);
  });
});

describe('isSecretName', () => {
  it.each([
    ['password', true],
    ['DB_PASSWORD', true],
    ['--client-secret', true],
    ['api_key', true],
    ['x-api-key', true],
    ['token2', true],
    ['db.pass', true],
    ['pass-through', false],
    ['password-file', false],
    ['secret-name', false],
    ['no-password', false],
    ['PWD', false],
    ['username', false],
  ])('%s → %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});
